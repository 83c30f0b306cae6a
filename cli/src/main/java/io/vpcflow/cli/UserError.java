package io.vpcflow.cli;

/** Bad input the user can fix; reported as one line and exit code 2, never as a stack trace. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
