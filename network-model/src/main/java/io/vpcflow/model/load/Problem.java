package io.vpcflow.model.load;

/**
 * One problem found while loading or validating a network: where (file and line), which entity, what is wrong and
 * how to fix it. Errors make {@code vpcflow check} exit 2; warnings are reported but do not fail.
 */
public record Problem(Severity severity, Location location, String entityId, String message, String fix) {
    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    public static Problem error(Location location, String entityId, String message, String fix) {
        return new Problem(Severity.ERROR, location, entityId, message, fix);
    }

    public static Problem warning(Location location, String entityId, String message, String fix) {
        return new Problem(Severity.WARNING, location, entityId, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: [entity] message. Fix: ...} */
    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + (entityId == null ? "" : "[" + entityId + "] ") + message + (fix == null ? "" : ". Fix: " + fix);
    }
}
