package io.vpcflow.model.load.aws;

/**
 * The {@code describe-*} outputs the loader reads: the file name as collected, the top-level key that holds the
 * list, and the command that writes it (quoted in fixes).
 */
enum DescribeKind {
    VPCS("Vpcs", "aws ec2 describe-vpcs"),
    SUBNETS("Subnets", "aws ec2 describe-subnets"),
    ROUTE_TABLES("RouteTables", "aws ec2 describe-route-tables"),
    INTERNET_GATEWAYS("InternetGateways", "aws ec2 describe-internet-gateways"),
    NAT_GATEWAYS("NatGateways", "aws ec2 describe-nat-gateways"),
    NETWORK_INTERFACES("NetworkInterfaces", "aws ec2 describe-network-interfaces"),
    RESERVATIONS("Reservations", "aws ec2 describe-instances"),
    SECURITY_GROUPS("SecurityGroups", "aws ec2 describe-security-groups"),
    NETWORK_ACLS("NetworkAcls", "aws ec2 describe-network-acls"),
    VPC_PEERING_CONNECTIONS("VpcPeeringConnections", "aws ec2 describe-vpc-peering-connections"),
    VPC_ENDPOINTS("VpcEndpoints", "aws ec2 describe-vpc-endpoints"),
    PREFIX_LISTS("PrefixLists", "aws ec2 describe-prefix-lists"),
    ADDRESSES("Addresses", "aws ec2 describe-addresses"),
    VPN_GATEWAYS("VpnGateways", "aws ec2 describe-vpn-gateways"),
    VPN_CONNECTIONS("VpnConnections", "aws ec2 describe-vpn-connections"),
    AVAILABILITY_ZONES("AvailabilityZones", "aws ec2 describe-availability-zones"),
    ENDPOINT_SERVICE_CONFIGURATIONS("VpcEndpointServiceConfigurations", "ServiceConfigurations",
            "aws ec2 describe-vpc-endpoint-service-configurations"),
    // one object, not a list: SnapshotReader reads it as a list of one
    VPC_BLOCK_PUBLIC_ACCESS_OPTIONS("VpcBlockPublicAccessOptions", "aws ec2 describe-vpc-block-public-access-options"),
    VPC_BLOCK_PUBLIC_ACCESS_EXCLUSIONS("VpcBlockPublicAccessExclusions",
            "aws ec2 describe-vpc-block-public-access-exclusions"),
    // last: flow logs take account and Region from the VPC of the resource they capture
    FLOW_LOGS("FlowLogs", "aws ec2 describe-flow-logs");

    final String fileName;
    final String key;
    final String command;

    DescribeKind(String baseName, String command) {
        this(baseName, baseName, command);
    }

    DescribeKind(String baseName, String key, String command) {
        this.fileName = baseName + ".json";
        this.key = key;
        this.command = command;
    }

    /** The kind a file name stands for, or null for files the loader ignores. */
    static DescribeKind ofFileName(String name) {
        for (DescribeKind kind : values()) {
            if (kind.fileName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
