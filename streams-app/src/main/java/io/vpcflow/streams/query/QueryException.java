package io.vpcflow.streams.query;

/**
 * A request the API answers with a 4xx or 503 and a one-line message: the caller's mistake (400, 404, 405) or a
 * moment when no complete, correct answer can be given (503, with {@code Retry-After}).
 */
final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    private QueryException(int status, String message) {
        super(message);
        this.status = status;
    }

    static QueryException badRequest(String message) {
        return new QueryException(400, message);
    }

    static QueryException notFound(String message) {
        return new QueryException(404, message);
    }

    static QueryException methodNotAllowed(String message) {
        return new QueryException(405, message);
    }

    static QueryException unavailable(String message) {
        return new QueryException(503, message);
    }

    int status() {
        return status;
    }
}
