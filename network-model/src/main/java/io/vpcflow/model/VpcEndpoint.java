package io.vpcflow.model;

import java.util.List;

/**
 * A VPC endpoint. A gateway endpoint (S3, DynamoDB) is reached through routes to its prefix list in
 * {@code routeTableIds}; an interface endpoint has a network interface in each of {@code subnetIds} with its
 * own security groups. {@code state} is AWS's: available, pendingAcceptance, rejected ...
 */
public record VpcEndpoint(String id, EndpointType type, String vpcId, String ownerAccountId, String serviceName,
                          String state, List<String> routeTableIds, List<String> subnetIds,
                          List<String> networkInterfaceIds, List<String> securityGroupIds,
                          boolean privateDnsEnabled) {
    public VpcEndpoint {
        Checks.id(id, "VPC endpoint");
        Checks.required(type, "VPC endpoint " + id, "type");
        Checks.required(vpcId, "VPC endpoint " + id, "vpc id");
        Checks.required(serviceName, "VPC endpoint " + id, "service name");
        state = state == null ? "available" : state;
        routeTableIds = Checks.list(routeTableIds);
        subnetIds = Checks.list(subnetIds);
        networkInterfaceIds = Checks.list(networkInterfaceIds);
        securityGroupIds = Checks.list(securityGroupIds);
    }

    public boolean available() {
        return state.equalsIgnoreCase("available");
    }

    /** The short service name: {@code s3} for {@code com.amazonaws.us-east-1.s3}. */
    public String shortServiceName() {
        int dot = serviceName.lastIndexOf('.');
        return dot < 0 ? serviceName : serviceName.substring(dot + 1);
    }
}
