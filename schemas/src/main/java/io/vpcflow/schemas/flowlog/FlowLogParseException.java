package io.vpcflow.schemas.flowlog;

/** A flow-log line that does not fit its format; the message names the field and the bad value. */
public final class FlowLogParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient FlowLogField field;
    private final String value;

    FlowLogParseException(FlowLogField field, String value, String problem) {
        super(field.awsName() + " '" + shortened(value) + "' " + problem);
        this.field = field;
        this.value = value;
    }

    FlowLogParseException(String message) {
        super(message);
        this.field = null;
        this.value = null;
    }

    /** The field whose value is bad; null when the line as a whole is (wrong field count, missing fields). */
    public FlowLogField field() {
        return field;
    }

    /** The bad text; null when the line as a whole is bad. */
    public String value() {
        return value;
    }

    /** A value as quoted in a message: at most 64 characters, so a huge token cannot flood the report. */
    private static String shortened(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "... (" + value.length() + " characters)";
    }
}
