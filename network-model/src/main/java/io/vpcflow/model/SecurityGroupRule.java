package io.vpcflow.model;

import io.vpcflow.model.net.Protocol;

/**
 * One allow rule of a security group, for one peer. For TCP and UDP {@code fromPort}/{@code toPort} are the
 * destination port range; for ICMP they are the ICMP type and code (-1 for any), as in the AWS API; for
 * protocol -1 they are ignored.
 */
public record SecurityGroupRule(int protocol, int fromPort, int toPort, RulePeer peer, String description) {
    public SecurityGroupRule {
        Checks.required(peer, "security group rule", "source or destination");
        if (Protocol.hasPorts(protocol) && (fromPort < 0 || toPort > 65535 || fromPort > toPort)) {
            throw new IllegalArgumentException("security group rule for " + Protocol.name(protocol) + " has port range "
                    + fromPort + "-" + toPort + ", which is not within 0-65535 with from <= to");
        }
    }

    @Override
    public String toString() {
        return Protocol.name(protocol) + " " + ports() + " " + peer;
    }

    private String ports() {
        if (Protocol.hasPorts(protocol)) {
            return fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort;
        }
        if (protocol == Protocol.ICMP) {
            return "type " + (fromPort < 0 ? "any" : fromPort) + " code " + (toPort < 0 ? "any" : toPort);
        }
        return "all";
    }
}
