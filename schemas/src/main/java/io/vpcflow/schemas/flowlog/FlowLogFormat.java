package io.vpcflow.schemas.flowlog;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.vpcflow.schemas.flowlog.FlowLogField.ACCOUNT_ID;
import static io.vpcflow.schemas.flowlog.FlowLogField.ACTION;
import static io.vpcflow.schemas.flowlog.FlowLogField.BYTES;
import static io.vpcflow.schemas.flowlog.FlowLogField.DSTADDR;
import static io.vpcflow.schemas.flowlog.FlowLogField.DSTPORT;
import static io.vpcflow.schemas.flowlog.FlowLogField.END;
import static io.vpcflow.schemas.flowlog.FlowLogField.INTERFACE_ID;
import static io.vpcflow.schemas.flowlog.FlowLogField.LOG_STATUS;
import static io.vpcflow.schemas.flowlog.FlowLogField.PACKETS;
import static io.vpcflow.schemas.flowlog.FlowLogField.PROTOCOL;
import static io.vpcflow.schemas.flowlog.FlowLogField.SRCADDR;
import static io.vpcflow.schemas.flowlog.FlowLogField.SRCPORT;
import static io.vpcflow.schemas.flowlog.FlowLogField.START;
import static io.vpcflow.schemas.flowlog.FlowLogField.VERSION;

/**
 * A flow log's record format: a non-empty list of distinct fields in the order they appear in each record. AWS fixes
 * it when the flow log is created; records carry no field names, so a reader must know the format.
 */
public record FlowLogFormat(List<FlowLogField> fields) {
    /** AWS's default format: the 14 version-2 fields in AWS's order. */
    public static final FlowLogFormat DEFAULT = new FlowLogFormat(List.of(VERSION, ACCOUNT_ID, INTERFACE_ID,
            SRCADDR, DSTADDR, SRCPORT, DSTPORT, PROTOCOL, PACKETS, BYTES, START, END, ACTION, LOG_STATUS));

    public FlowLogFormat {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("a flow-log format needs at least one field");
        }
        fields = List.copyOf(fields);
        Set<FlowLogField> seen = EnumSet.noneOf(FlowLogField.class);
        for (FlowLogField field : fields) {
            if (!seen.add(field)) {
                throw new IllegalArgumentException("flow-log format names " + field.awsName()
                        + " twice; name each field once");
            }
        }
    }

    /**
     * The format {@code spec} names: AWS's {@code ${version} ${account-id} ...} or the plain
     * {@code version account-id ...} of S3 header lines, fields separated by whitespace.
     */
    public static FlowLogFormat parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("flow-log format is empty; name at least one field, e.g. "
                    + DEFAULT.awsSpec());
        }
        List<FlowLogField> fields = new ArrayList<>();
        for (String token : spec.trim().split("\\s+")) {
            fields.add(FlowLogField.byAwsName(unwrap(token)));
        }
        return new FlowLogFormat(fields);
    }

    /** {@link #DEFAULT} when {@code spec} is null (a flow log created without a format), else {@link #parse}. */
    public static FlowLogFormat parseOrDefault(String spec) {
        return spec == null ? DEFAULT : parse(spec);
    }

    public static FlowLogFormat of(FlowLogField... fields) {
        return new FlowLogFormat(List.of(fields));
    }

    /** The format an S3 file's header line names, or empty when {@code line} is not such a header. */
    public static Optional<FlowLogFormat> fromHeader(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        String[] tokens = trimmed.split("\\s+");
        for (String token : tokens) {
            if (!FlowLogField.isAwsName(token)) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(parse(trimmed));
        } catch (IllegalArgumentException duplicateField) {
            return Optional.empty();
        }
    }

    private static String unwrap(String token) {
        if (token.startsWith("${") && token.endsWith("}")) {
            return token.substring(2, token.length() - 1);
        }
        return token;
    }

    /** The value of the {@code version} field in records of this format: the highest version among its fields. */
    public int version() {
        // a loop, not a stream: every published text line asks
        int version = 0;
        for (int i = 0; i < fields.size(); i++) {
            version = Math.max(version, fields.get(i).version());
        }
        return version;
    }

    /** The format as AWS writes it in {@code LogFormat}: {@code ${version} ${account-id} ...}. */
    public String awsSpec() {
        return fields.stream().map(f -> "${" + f.awsName() + "}").collect(Collectors.joining(" "));
    }

    /** The format as a header line of AWS's S3 text files: {@code version account-id ...}. */
    public String header() {
        return fields.stream().map(FlowLogField::awsName).collect(Collectors.joining(" "));
    }

    public boolean contains(FlowLogField field) {
        return fields.contains(field);
    }

    @Override
    public String toString() {
        return awsSpec();
    }
}
