package io.vpcflow.schemas.flowlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;

import static io.vpcflow.schemas.flowlog.FlowLogField.*;

/**
 * The values of one flow-log line, by field, in format order: Integer or Long for numbers, String otherwise, null
 * for {@code -}. Fields the format does not name are absent.
 */
public record ParsedLine(Map<FlowLogField, Object> values) {
    private static final List<FlowLogField> REQUIRED_BY_RECORD = List.of(ACCOUNT_ID, INTERFACE_ID, START, END,
            LOG_STATUS);

    public ParsedLine {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code field}; null when it was {@code -} or the format does not name it. */
    public Object get(FlowLogField field) {
        return values.get(field);
    }

    /**
     * The line as a {@link FlowLogRecord} of subscription {@code subscriptionId}. Fields the format lacks are null;
     * a missing {@code version} is the highest version among the line's fields, as AWS would have written it.
     * Throws {@link FlowLogParseException} when the line lacks a value the record requires (account-id,
     * interface-id, start, end, log-status).
     */
    public FlowLogRecord toRecord(String subscriptionId) {
        List<String> missing = new ArrayList<>();
        for (FlowLogField field : REQUIRED_BY_RECORD) {
            if (values.get(field) == null) {
                missing.add(field.awsName());
            }
        }
        if (!missing.isEmpty()) {
            throw new FlowLogParseException("a flow-log record needs " + String.join(", ", missing)
                    + ", which this line lacks (or has as '-')");
        }
        return FlowLogRecord.newBuilder()
                .setVersion(version())
                .setAccountId(text(ACCOUNT_ID)).setInterfaceId(text(INTERFACE_ID))
                .setSrcAddr(text(SRCADDR)).setDstAddr(text(DSTADDR))
                .setSrcPort(integer(SRCPORT)).setDstPort(integer(DSTPORT)).setProtocol(integer(PROTOCOL))
                .setPackets(number(PACKETS)).setBytes(number(BYTES))
                .setStart(Instant.ofEpochSecond(number(START))).setEnd(Instant.ofEpochSecond(number(END)))
                .setAction(values.get(ACTION) == null ? null : Action.valueOf(text(ACTION)))
                .setLogStatus(LogStatus.valueOf(text(LOG_STATUS)))
                .setVpcId(text(VPC_ID)).setSubnetId(text(SUBNET_ID)).setInstanceId(text(INSTANCE_ID))
                .setTcpFlags(integer(TCP_FLAGS)).setType(text(TYPE))
                .setPktSrcAddr(text(PKT_SRCADDR)).setPktDstAddr(text(PKT_DSTADDR))
                .setRegion(text(REGION)).setAzId(text(AZ_ID))
                .setSublocationType(text(SUBLOCATION_TYPE)).setSublocationId(text(SUBLOCATION_ID))
                .setPktSrcAwsService(text(PKT_SRC_AWS_SERVICE)).setPktDstAwsService(text(PKT_DST_AWS_SERVICE))
                .setFlowDirection(direction())
                .setTrafficPath(integer(TRAFFIC_PATH))
                .setRejectReason(text(REJECT_REASON))
                .setSubscriptionId(subscriptionId)
                .build();
    }

    /** The line as a JSON-ready map: AWS field names in format order, numbers as numbers, {@code -} as null. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((field, value) -> json.put(field.awsName(), value));
        return json;
    }

    private int version() {
        Object version = values.get(VERSION);
        if (version != null) {
            return (Integer) version;
        }
        return values.keySet().stream().mapToInt(FlowLogField::version).max().orElse(2);
    }

    private FlowDirection direction() {
        String text = text(FLOW_DIRECTION);
        return text == null ? null : FlowDirection.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private String text(FlowLogField field) {
        Object value = values.get(field);
        return value == null ? null : value.toString();
    }

    private Integer integer(FlowLogField field) {
        return (Integer) values.get(field);
    }

    private Long number(FlowLogField field) {
        return (Long) values.get(field);
    }
}
