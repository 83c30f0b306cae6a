package io.vpcflow.schemas.flowlog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

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
        for (FlowLogField field : format.fields()) {
            Object value = field == FlowLogField.VERSION ? format.version()
                    : noFlow && field.perFlow() ? null
                    : RecordValue.of(record, field);
            append(line, value);
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

    /** Reads one AWS field of a {@link FlowLogRecord} as the value AWS prints. */
    private static final class RecordValue {
        private static final Map<FlowLogField, Function<FlowLogRecord, Object>> GETTERS = getters();

        private RecordValue() {
        }

        static Object of(FlowLogRecord record, FlowLogField field) {
            Function<FlowLogRecord, Object> getter = GETTERS.get(field);
            return getter == null ? null : getter.apply(record);
        }

        private static Map<FlowLogField, Function<FlowLogRecord, Object>> getters() {
            Map<FlowLogField, Function<FlowLogRecord, Object>> g = new LinkedHashMap<>();
            g.put(FlowLogField.ACCOUNT_ID, FlowLogRecord::getAccountId);
            g.put(FlowLogField.INTERFACE_ID, FlowLogRecord::getInterfaceId);
            g.put(FlowLogField.SRCADDR, FlowLogRecord::getSrcAddr);
            g.put(FlowLogField.DSTADDR, FlowLogRecord::getDstAddr);
            g.put(FlowLogField.SRCPORT, FlowLogRecord::getSrcPort);
            g.put(FlowLogField.DSTPORT, FlowLogRecord::getDstPort);
            g.put(FlowLogField.PROTOCOL, FlowLogRecord::getProtocol);
            g.put(FlowLogField.PACKETS, FlowLogRecord::getPackets);
            g.put(FlowLogField.BYTES, FlowLogRecord::getBytes);
            g.put(FlowLogField.START, r -> seconds(r.getStart()));
            g.put(FlowLogField.END, r -> seconds(r.getEnd()));
            g.put(FlowLogField.ACTION, FlowLogRecord::getAction);
            g.put(FlowLogField.LOG_STATUS, FlowLogRecord::getLogStatus);
            g.put(FlowLogField.VPC_ID, FlowLogRecord::getVpcId);
            g.put(FlowLogField.SUBNET_ID, FlowLogRecord::getSubnetId);
            g.put(FlowLogField.INSTANCE_ID, FlowLogRecord::getInstanceId);
            g.put(FlowLogField.TCP_FLAGS, FlowLogRecord::getTcpFlags);
            g.put(FlowLogField.TYPE, FlowLogRecord::getType);
            g.put(FlowLogField.PKT_SRCADDR, FlowLogRecord::getPktSrcAddr);
            g.put(FlowLogField.PKT_DSTADDR, FlowLogRecord::getPktDstAddr);
            g.put(FlowLogField.REGION, FlowLogRecord::getRegion);
            g.put(FlowLogField.AZ_ID, FlowLogRecord::getAzId);
            g.put(FlowLogField.SUBLOCATION_TYPE, FlowLogRecord::getSublocationType);
            g.put(FlowLogField.SUBLOCATION_ID, FlowLogRecord::getSublocationId);
            g.put(FlowLogField.PKT_SRC_AWS_SERVICE, FlowLogRecord::getPktSrcAwsService);
            g.put(FlowLogField.PKT_DST_AWS_SERVICE, FlowLogRecord::getPktDstAwsService);
            g.put(FlowLogField.FLOW_DIRECTION,
                    r -> r.getFlowDirection() == null ? null : r.getFlowDirection().name().toLowerCase(Locale.ROOT));
            g.put(FlowLogField.TRAFFIC_PATH, FlowLogRecord::getTrafficPath);
            g.put(FlowLogField.REJECT_REASON, FlowLogRecord::getRejectReason);
            return Map.copyOf(g);
        }

        private static Long seconds(Instant instant) {
            return instant == null ? null : instant.getEpochSecond();
        }
    }
}
