package io.vpcflow.model;

/** VPC endpoint kinds. */
public enum EndpointType {
    GATEWAY, INTERFACE, GATEWAY_LOAD_BALANCER
}
