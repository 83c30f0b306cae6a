package io.vpcflow.schemas.flowlog;

import java.util.Set;

/** The value types of flow-log fields: how the text of one field becomes a Java value, and which text is valid. */
enum FieldKind {
    TEXT,
    ADDRESS,
    VERSION,
    PORT,
    PROTOCOL,
    TCP_FLAGS,
    TRAFFIC_PATH,
    COUNT,
    SECONDS,
    ACTION,
    LOG_STATUS,
    FLOW_DIRECTION;

    private static final Set<String> ACTIONS = Set.of("ACCEPT", "REJECT");
    private static final Set<String> LOG_STATUSES = Set.of("OK", "NODATA", "SKIPDATA");
    private static final Set<String> DIRECTIONS = Set.of("ingress", "egress");

    /** The value of {@code text} (never {@code -}): Integer, Long or String. */
    Object parse(FlowLogField field, String text) {
        return switch (this) {
            case TEXT -> text;
            case ADDRESS -> address(field, text);
            case VERSION -> intIn(field, text, 2, 99, "a flow-log version");
            case PORT -> intIn(field, text, 0, 65_535, "a port (0-65535)");
            case PROTOCOL -> intIn(field, text, 0, 255, "an IANA protocol number (0-255)");
            case TCP_FLAGS -> intIn(field, text, 0, 255, "a TCP-flags bitmask (0-255)");
            case TRAFFIC_PATH -> intIn(field, text, 1, 8, "a traffic path (1-8)");
            case COUNT -> longAtLeastZero(field, text, "a count");
            case SECONDS -> longAtLeastZero(field, text, "Unix seconds");
            case ACTION -> oneOf(field, text, ACTIONS, "ACCEPT or REJECT");
            case LOG_STATUS -> oneOf(field, text, LOG_STATUSES, "OK, NODATA or SKIPDATA");
            case FLOW_DIRECTION -> oneOf(field, text, DIRECTIONS, "ingress or egress");
        };
    }

    /** An IPv4 address in dotted quads, or text with a colon (IPv6, which flow logs also carry), as it was. */
    private static String address(FlowLogField field, String text) {
        if (text.indexOf(':') >= 0 && text.length() <= 45 && text.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0)) {
            return text;
        }
        String[] octets = text.split("\\.", -1);
        boolean valid = octets.length == 4;
        for (int i = 0; valid && i < 4; i++) {
            valid = octets[i].length() >= 1 && octets[i].length() <= 3
                    && octets[i].chars().allMatch(c -> c >= '0' && c <= '9') && Integer.parseInt(octets[i]) <= 255;
        }
        if (!valid) {
            throw new FlowLogParseException(field, text, "is not an IP address");
        }
        return text;
    }

    private static Integer intIn(FlowLogField field, String text, int min, int max, String what) {
        long value = longAtLeastZero(field, text, what);
        if (value < min || value > max) {
            throw new FlowLogParseException(field, text, "is not " + what);
        }
        return (int) value;
    }

    private static Long longAtLeastZero(FlowLogField field, String text, String what) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FlowLogParseException(field, text, "is not " + what);
        }
        return Long.parseLong(text);
    }

    private static String oneOf(FlowLogField field, String text, Set<String> valid, String what) {
        if (!valid.contains(text)) {
            throw new FlowLogParseException(field, text, "is not " + what);
        }
        return text;
    }
}
