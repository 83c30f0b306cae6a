package io.vpcflow.streams.query;

/**
 * What the server sends: a status and either a value written as JSON or JSON already written: an answer relayed
 * from the instance that owns the key (that instance's bytes unchanged), or one written with Jackson's streaming
 * generator.
 */
record Reply(int status, Object body, byte[] json) {
    static Reply ok(Object body) {
        return new Reply(200, body, null);
    }

    static Reply raw(int status, byte[] json) {
        return new Reply(status, null, json);
    }
}
