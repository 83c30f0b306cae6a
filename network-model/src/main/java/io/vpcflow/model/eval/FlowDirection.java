package io.vpcflow.model.eval;

/** Flow-log {@code flow-direction}, relative to the interface. */
public enum FlowDirection {
    INGRESS, EGRESS;

    public String awsName() {
        return this == INGRESS ? "ingress" : "egress";
    }
}
