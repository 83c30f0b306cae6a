package io.vpcflow.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The field names a flow log's {@code LogFormat} may use (AWS's "available fields", versions 2 to 8), to check a
 * format where a network is loaded. The network model stays free of the Avro/Kafka {@code schemas} module, which
 * holds the full field model ({@code io.vpcflow.schemas.flowlog.FlowLogField}); a cli test keeps the two lists equal.
 */
public final class FlowLogFields {
    /** Every field name, in AWS's order. */
    public static final List<String> NAMES = List.of(
            // 2: the default format
            "version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport", "protocol",
            "packets", "bytes", "start", "end", "action", "log-status",
            // 3
            "vpc-id", "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr",
            // 4
            "region", "az-id", "sublocation-type", "sublocation-id",
            // 5
            "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction", "traffic-path",
            // 6: transit gateways
            "resource-type", "tgw-id", "tgw-attachment-id", "tgw-src-vpc-account-id", "tgw-dst-vpc-account-id",
            "tgw-src-vpc-id", "tgw-dst-vpc-id", "tgw-src-subnet-id", "tgw-dst-subnet-id", "tgw-src-eni",
            "tgw-dst-eni", "tgw-src-az-id", "tgw-dst-az-id", "tgw-pair-attachment-id", "packets-lost-no-route",
            "packets-lost-blackhole", "packets-lost-mtu-exceeded", "packets-lost-ttl-expired",
            // 7: Amazon ECS
            "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn", "ecs-container-instance-id",
            "ecs-container-id", "ecs-second-container-id", "ecs-service-name", "ecs-task-definition-arn",
            "ecs-task-arn", "ecs-task-id",
            // 8
            "reject-reason");

    /** AWS's default format, as describe-flow-logs shows it. */
    public static final String DEFAULT_FORMAT = awsSpec(NAMES.subList(0, 14));

    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    private FlowLogFields() {
    }

    /**
     * The field names of {@code format}, written as AWS does ({@code ${version} ${account-id} ...}) or plain
     * ({@code version account-id ...}). {@link IllegalArgumentException} for an empty format, an unknown field
     * (naming it) or a field named twice.
     */
    public static List<String> parse(String format) {
        if (format == null || format.isBlank()) {
            throw new IllegalArgumentException("the log format is empty; name at least one field");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String token : format.trim().split("\\s+")) {
            String name = token.startsWith("${") && token.endsWith("}") ? token.substring(2, token.length() - 1)
                    : token;
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("the log format names '" + name + "', which is not a flow-log"
                        + " field");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the log format names " + name + " twice");
            }
            names.add(name);
        }
        return names;
    }

    /** {@code ${a} ${b} ...}: the form of {@code LogFormat} in AWS's API. */
    public static String awsSpec(List<String> names) {
        return names.stream().map(n -> "${" + n + "}").collect(Collectors.joining(" "));
    }
}
