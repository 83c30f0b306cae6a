package io.vpcflow.model;

/** What a route sends matching traffic to, by the prefix of the target id. */
public enum RouteTarget {
    LOCAL, INTERNET_GATEWAY, NAT_GATEWAY, VPC_PEERING, GATEWAY_ENDPOINT, NETWORK_INTERFACE,
    VIRTUAL_PRIVATE_GATEWAY, TRANSIT_GATEWAY, OTHER;

    /** Classifies a target id ({@code local}, {@code igw-}, {@code nat-}, {@code pcx-}, {@code vpce-}, {@code eni-} ...). */
    public static RouteTarget ofTargetId(String targetId) {
        if (targetId == null) {
            return OTHER;
        }
        if (targetId.equals("local")) {
            return LOCAL;
        }
        if (targetId.startsWith("igw-") || targetId.startsWith("eigw-")) {
            return INTERNET_GATEWAY;
        }
        if (targetId.startsWith("nat-")) {
            return NAT_GATEWAY;
        }
        if (targetId.startsWith("pcx-")) {
            return VPC_PEERING;
        }
        if (targetId.startsWith("vpce-")) {
            return GATEWAY_ENDPOINT;
        }
        if (targetId.startsWith("eni-") || targetId.startsWith("i-")) {
            return NETWORK_INTERFACE;
        }
        if (targetId.startsWith("vgw-")) {
            return VIRTUAL_PRIVATE_GATEWAY;
        }
        if (targetId.startsWith("tgw-")) {
            return TRANSIT_GATEWAY;
        }
        return OTHER;
    }
}
