package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;

/**
 * One numbered network ACL rule. {@code portRange} applies to TCP/UDP (destination port); {@code icmpType} and
 * {@code icmpCode} to ICMP (-1 for any). The final implicit deny (rule {@code *}, 32767) is not stored.
 */
public record NetworkAclEntry(int ruleNumber, boolean egress, int protocol, PortRange portRange, int icmpType,
                              int icmpCode, Cidr cidr, boolean allow) {
    public static final int MIN_RULE = 1;
    public static final int MAX_RULE = 32766;

    public NetworkAclEntry {
        if (ruleNumber < MIN_RULE || ruleNumber > MAX_RULE) {
            throw new IllegalArgumentException("network ACL rule number " + ruleNumber + " is outside "
                    + MIN_RULE + "-" + MAX_RULE);
        }
        Checks.required(cidr, "network ACL rule " + ruleNumber, "CIDR block");
        if (Protocol.hasPorts(protocol) && portRange == null) {
            portRange = PortRange.ALL;
        }
    }

    @Override
    public String toString() {
        String what = Protocol.hasPorts(protocol) ? Protocol.name(protocol) + " " + portRange
                : protocol == Protocol.ICMP ? "icmp type " + (icmpType < 0 ? "any" : icmpType)
                : Protocol.name(protocol);
        return (egress ? "outbound" : "inbound") + " rule " + ruleNumber + " " + (allow ? "allow " : "deny ")
                + what + " " + cidr;
    }
}
