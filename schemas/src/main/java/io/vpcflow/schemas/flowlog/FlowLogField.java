package io.vpcflow.schemas.flowlog;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every field a VPC flow-log format can name, in the order of AWS's "available fields" table, with the flow-log
 * version that introduced it. Version 6 fields are the transit-gateway ones and version 7 the Amazon ECS ones;
 * vpcflow parses and prints them but does not carry them in {@code FlowLogRecord}.
 */
public enum FlowLogField {
    // version 2: the default format, in this order
    VERSION("version", 2, FieldKind.VERSION, false),
    ACCOUNT_ID("account-id", 2, FieldKind.TEXT, false),
    INTERFACE_ID("interface-id", 2, FieldKind.TEXT, false),
    SRCADDR("srcaddr", 2, FieldKind.ADDRESS, true),
    DSTADDR("dstaddr", 2, FieldKind.ADDRESS, true),
    SRCPORT("srcport", 2, FieldKind.PORT, true),
    DSTPORT("dstport", 2, FieldKind.PORT, true),
    PROTOCOL("protocol", 2, FieldKind.PROTOCOL, true),
    PACKETS("packets", 2, FieldKind.COUNT, true),
    BYTES("bytes", 2, FieldKind.COUNT, true),
    START("start", 2, FieldKind.SECONDS, false),
    END("end", 2, FieldKind.SECONDS, false),
    ACTION("action", 2, FieldKind.ACTION, true),
    LOG_STATUS("log-status", 2, FieldKind.LOG_STATUS, false),
    // version 3
    VPC_ID("vpc-id", 3, FieldKind.TEXT, false),
    SUBNET_ID("subnet-id", 3, FieldKind.TEXT, false),
    INSTANCE_ID("instance-id", 3, FieldKind.TEXT, false),
    TCP_FLAGS("tcp-flags", 3, FieldKind.TCP_FLAGS, true),
    TYPE("type", 3, FieldKind.TEXT, true),
    PKT_SRCADDR("pkt-srcaddr", 3, FieldKind.ADDRESS, true),
    PKT_DSTADDR("pkt-dstaddr", 3, FieldKind.ADDRESS, true),
    // version 4
    REGION("region", 4, FieldKind.TEXT, false),
    AZ_ID("az-id", 4, FieldKind.TEXT, false),
    SUBLOCATION_TYPE("sublocation-type", 4, FieldKind.TEXT, false),
    SUBLOCATION_ID("sublocation-id", 4, FieldKind.TEXT, false),
    // version 5
    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5, FieldKind.TEXT, true),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5, FieldKind.TEXT, true),
    FLOW_DIRECTION("flow-direction", 5, FieldKind.FLOW_DIRECTION, true),
    TRAFFIC_PATH("traffic-path", 5, FieldKind.TRAFFIC_PATH, true),
    // version 6: transit-gateway flow logs
    RESOURCE_TYPE("resource-type", 6, FieldKind.TEXT, false),
    TGW_ID("tgw-id", 6, FieldKind.TEXT, false),
    TGW_ATTACHMENT_ID("tgw-attachment-id", 6, FieldKind.TEXT, false),
    TGW_SRC_VPC_ACCOUNT_ID("tgw-src-vpc-account-id", 6, FieldKind.TEXT, true),
    TGW_DST_VPC_ACCOUNT_ID("tgw-dst-vpc-account-id", 6, FieldKind.TEXT, true),
    TGW_SRC_VPC_ID("tgw-src-vpc-id", 6, FieldKind.TEXT, true),
    TGW_DST_VPC_ID("tgw-dst-vpc-id", 6, FieldKind.TEXT, true),
    TGW_SRC_SUBNET_ID("tgw-src-subnet-id", 6, FieldKind.TEXT, true),
    TGW_DST_SUBNET_ID("tgw-dst-subnet-id", 6, FieldKind.TEXT, true),
    TGW_SRC_ENI("tgw-src-eni", 6, FieldKind.TEXT, true),
    TGW_DST_ENI("tgw-dst-eni", 6, FieldKind.TEXT, true),
    TGW_SRC_AZ_ID("tgw-src-az-id", 6, FieldKind.TEXT, true),
    TGW_DST_AZ_ID("tgw-dst-az-id", 6, FieldKind.TEXT, true),
    TGW_PAIR_ATTACHMENT_ID("tgw-pair-attachment-id", 6, FieldKind.TEXT, true),
    PACKETS_LOST_NO_ROUTE("packets-lost-no-route", 6, FieldKind.COUNT, true),
    PACKETS_LOST_BLACKHOLE("packets-lost-blackhole", 6, FieldKind.COUNT, true),
    PACKETS_LOST_MTU_EXCEEDED("packets-lost-mtu-exceeded", 6, FieldKind.COUNT, true),
    PACKETS_LOST_TTL_EXPIRED("packets-lost-ttl-expired", 6, FieldKind.COUNT, true),
    // version 7: Amazon ECS
    ECS_CLUSTER_ARN("ecs-cluster-arn", 7, FieldKind.TEXT, false),
    ECS_CLUSTER_NAME("ecs-cluster-name", 7, FieldKind.TEXT, false),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7, FieldKind.TEXT, false),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7, FieldKind.TEXT, false),
    ECS_CONTAINER_ID("ecs-container-id", 7, FieldKind.TEXT, false),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7, FieldKind.TEXT, false),
    ECS_SERVICE_NAME("ecs-service-name", 7, FieldKind.TEXT, false),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7, FieldKind.TEXT, false),
    ECS_TASK_ARN("ecs-task-arn", 7, FieldKind.TEXT, false),
    ECS_TASK_ID("ecs-task-id", 7, FieldKind.TEXT, false),
    // version 8
    REJECT_REASON("reject-reason", 8, FieldKind.TEXT, true);

    private static final Map<String, FlowLogField> BY_AWS_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FlowLogField::awsName, Function.identity()));

    private final String awsName;
    private final int version;
    private final FieldKind kind;
    private final boolean perFlow;

    FlowLogField(String awsName, int version, FieldKind kind, boolean perFlow) {
        this.awsName = awsName;
        this.version = version;
        this.kind = kind;
        this.perFlow = perFlow;
    }

    /** The name AWS uses in formats and S3 header lines, e.g. {@code account-id}. */
    public String awsName() {
        return awsName;
    }

    /** The flow-log version that introduced the field, 2 to 8. */
    public int version() {
        return version;
    }

    /** How values of this field are parsed and checked. */
    FieldKind kind() {
        return kind;
    }

    /**
     * Whether the field describes the traffic of one flow rather than the interface. NODATA and SKIPDATA records
     * stand for no flow (or many), so AWS writes {@code -} for these fields in them.
     */
    public boolean perFlow() {
        return perFlow;
    }

    /** The field AWS calls {@code name}; {@link IllegalArgumentException} naming it and the valid names if none. */
    public static FlowLogField byAwsName(String name) {
        FlowLogField field = name == null ? null : BY_AWS_NAME.get(name);
        if (field == null) {
            throw new IllegalArgumentException("unknown flow-log field '" + name + "'; valid fields: "
                    + Arrays.stream(values()).map(FlowLogField::awsName).collect(Collectors.joining(" ")));
        }
        return field;
    }

    /** Whether {@code name} is a field name AWS knows. */
    public static boolean isAwsName(String name) {
        return BY_AWS_NAME.containsKey(name);
    }
}
