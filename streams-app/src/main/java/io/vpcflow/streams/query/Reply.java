package io.vpcflow.streams.query;

/**
 * What the server sends: a status and either a value written as JSON or, for an answer relayed from the instance
 * that owns the key, that instance's JSON text unchanged.
 */
record Reply(int status, Object body, String rawJson) {
    static Reply ok(Object body) {
        return new Reply(200, body, null);
    }

    static Reply relayed(int status, String json) {
        return new Reply(status, null, json);
    }
}
