package io.vpcflow.schemas.flowlog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;

/**
 * Flow-log records as AWS writes them in text: one line per record, the format's fields separated by single spaces,
 * {@code -} for a field that does not apply.
 */
public final class FlowLogText {
    private static final String NONE = "-";

    private FlowLogText() {
    }

    /**
     * The line AWS would write for {@code record} in {@code format}. The {@code version} field prints the format's
     * version; fields vpcflow does not carry (transit-gateway and ECS fields) print {@code -}; NODATA and SKIPDATA
     * records print {@code -} for every per-flow field ({@link FlowLogField#perFlow()}), as AWS does.
     */
    public static String format(FlowLogRecord record, FlowLogFormat format) {
        boolean noFlow = record.getLogStatus() != LogStatus.OK;
        StringBuilder line = new StringBuilder(160);
        List<FlowLogField> fields = format.fields();
        // an index loop, no iterator: this runs for every published record
        for (int i = 0; i < fields.size(); i++) {
            FlowLogField field = fields.get(i);
            if (!line.isEmpty()) {
                line.append(' ');
            }
            if (field == FlowLogField.VERSION) {
                line.append(format.version());
            } else if (noFlow && field.perFlow()) {
                line.append(NONE);
            } else {
                RecordValue.append(line, record, field);
            }
        }
        return line.toString();
    }

    /** The line for {@code parsed} in {@code format}: parsing and printing back gives the line, single-spaced. */
    public static String format(ParsedLine parsed, FlowLogFormat format) {
        StringBuilder line = new StringBuilder(160);
        for (FlowLogField field : format.fields()) {
            append(line, parsed.get(field));
        }
        return line.toString();
    }

    /**
     * The values of {@code line} under {@code format}. Fields may be separated by any run of whitespace.
     *
     * @throws FlowLogParseException when the field count differs from the format's or a value is invalid for its
     *                               field; the message names the field and the value
     */
    public static ParsedLine parse(String line, FlowLogFormat format) {
        String trimmed = line.strip();
        String[] tokens = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        List<FlowLogField> fields = format.fields();
        if (tokens.length != fields.size()) {
            throw new FlowLogParseException("line has " + tokens.length + " fields but the format has "
                    + fields.size() + " (" + format.header() + ")");
        }
        Map<FlowLogField, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            FlowLogField field = fields.get(i);
            values.put(field, NONE.equals(tokens[i]) ? null : field.kind().parse(field, tokens[i]));
        }
        return new ParsedLine(values);
    }

    private static void append(StringBuilder line, Object value) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(value == null ? NONE : value);
    }

    /**
     * Appends one AWS field of a {@link FlowLogRecord} as AWS prints it (numbers without boxing: this runs for every
     * published record).
     */
    private static final class RecordValue {
        private static final String[] DIRECTIONS = directions();

        private RecordValue() {
        }

        static void append(StringBuilder line, FlowLogRecord r, FlowLogField field) {
            switch (field) {
                case ACCOUNT_ID -> text(line, r.getAccountId());
                case INTERFACE_ID -> text(line, r.getInterfaceId());
                case SRCADDR -> text(line, r.getSrcAddr());
                case DSTADDR -> text(line, r.getDstAddr());
                case SRCPORT -> number(line, r.getSrcPort());
                case DSTPORT -> number(line, r.getDstPort());
                case PROTOCOL -> number(line, r.getProtocol());
                case PACKETS -> number(line, r.getPackets());
                case BYTES -> number(line, r.getBytes());
                case START -> seconds(line, r.getStart());
                case END -> seconds(line, r.getEnd());
                case ACTION -> text(line, r.getAction() == null ? null : r.getAction().name());
                case LOG_STATUS -> text(line, r.getLogStatus() == null ? null : r.getLogStatus().name());
                case VPC_ID -> text(line, r.getVpcId());
                case SUBNET_ID -> text(line, r.getSubnetId());
                case INSTANCE_ID -> text(line, r.getInstanceId());
                case TCP_FLAGS -> number(line, r.getTcpFlags());
                case TYPE -> text(line, r.getType());
                case PKT_SRCADDR -> text(line, r.getPktSrcAddr());
                case PKT_DSTADDR -> text(line, r.getPktDstAddr());
                case REGION -> text(line, r.getRegion());
                case AZ_ID -> text(line, r.getAzId());
                case SUBLOCATION_TYPE -> text(line, r.getSublocationType());
                case SUBLOCATION_ID -> text(line, r.getSublocationId());
                case PKT_SRC_AWS_SERVICE -> text(line, r.getPktSrcAwsService());
                case PKT_DST_AWS_SERVICE -> text(line, r.getPktDstAwsService());
                case FLOW_DIRECTION -> text(line, r.getFlowDirection() == null ? null
                        : DIRECTIONS[r.getFlowDirection().ordinal()]);
                case TRAFFIC_PATH -> number(line, r.getTrafficPath());
                case REJECT_REASON -> text(line, r.getRejectReason());
                default -> line.append(NONE);
            }
        }

        private static void text(StringBuilder line, String value) {
            line.append(value == null ? NONE : value);
        }

        private static void number(StringBuilder line, Integer value) {
            if (value == null) {
                line.append(NONE);
            } else {
                line.append(value.intValue());
            }
        }

        private static void number(StringBuilder line, Long value) {
            if (value == null) {
                line.append(NONE);
            } else {
                line.append(value.longValue());
            }
        }

        private static void seconds(StringBuilder line, Instant instant) {
            if (instant == null) {
                line.append(NONE);
            } else {
                line.append(instant.getEpochSecond());
            }
        }

        private static String[] directions() {
            FlowDirection[] all = FlowDirection.values();
            String[] names = new String[all.length];
            for (FlowDirection d : all) {
                names[d.ordinal()] = d.name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    }
}
