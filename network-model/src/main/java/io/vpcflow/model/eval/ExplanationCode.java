package io.vpcflow.model.eval;

/**
 * Why a packet was not accepted. Names follow AWS Reachability Analyzer's explanation codes where one fits; the
 * codes marked {@code vpcflow} are ours, for cases Reachability Analyzer has no code for (listed in
 * docs/explanation-codes.md).
 */
public enum ExplanationCode {
    ENI_SG_RULES_MISMATCH(true, "no security group rule of the interface allows the packet"),
    SUBNET_ACL_RESTRICTION(true, "the subnet's network ACL denies the packet"),
    NO_ROUTE_TO_DESTINATION(true, "no route in the route table matches the destination"),
    BAD_STATE_ROUTE(true, "the matching route is a blackhole (its target no longer exists)"),
    BAD_STATE(true, "the component on the path is not in a working state"),
    BAD_STATE_ATTACHMENT(true, "the gateway is not attached to this VPC"),
    IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS(true, "the source has no public IP, so the internet gateway drops it"),
    NGW_REQUIRES_SOURCE_IN_VPC(true, "a NAT gateway only carries traffic that originates in its own VPC"),
    PCX_REQUIRES_ADDRESS_IN_VPC_CIDR(true,
            "traffic over a peering must be addressed to the peer VPC's CIDR (peering is not transitive)"),
    PROTOCOL_RESTRICTION(true, "the component does not carry this protocol"),
    VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION(true,
            "a gateway endpoint only carries traffic that originates in its own VPC"),
    NO_PATH(true, "the path leaves what the model covers"),
    NGW_NO_INBOUND_SESSION(false, "a NAT gateway accepts no connection that was not opened from inside"),
    ADDRESS_NOT_IN_ANY_SUBNET(false, "the address is inside the VPC's CIDR but in no subnet"),
    NO_INTERFACE_AT_ADDRESS(false, "no network interface holds the destination address"),
    INTERNET_PRIVATE_ADDRESS(false, "the public internet does not route private (RFC 1918) addresses"),
    PUBLIC_IP_NOT_ASSOCIATED(false, "the public AWS address is associated with no interface in the model"),
    VPCE_SERVICE_NOT_ACCEPTED(false, "the interface endpoint has not been accepted by the endpoint service"),
    VPCE_PRINCIPAL_NOT_ALLOWED(false, "the endpoint service does not allow the consumer's account"),
    NLB_NO_LISTENER(false, "the load balancer has no listener for the destination port and protocol"),
    BPA_BLOCKED(false, "VPC Block Public Access blocks this traffic through the internet gateway");

    /** The flow-log {@code reject-reason} (version 8) of a packet rejected for this reason: BPA, or null ("-"). */
    public String flowLogRejectReason() {
        return this == BPA_BLOCKED ? "BPA" : null;
    }

    /** {@link #flowLogRejectReason()} of a code name as packet events carry it; null for null or another code. */
    public static String flowLogRejectReason(String codeName) {
        return BPA_BLOCKED.name().equals(codeName) ? BPA_BLOCKED.flowLogRejectReason() : null;
    }

    private final boolean awsCode;
    private final String description;

    ExplanationCode(boolean awsCode, String description) {
        this.awsCode = awsCode;
        this.description = description;
    }

    /** True when Reachability Analyzer uses this name; false for codes vpcflow added. */
    public boolean awsCode() {
        return awsCode;
    }

    public String description() {
        return description;
    }
}
