package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Protocol;

/** Whether a rule's protocol and port (or ICMP type/code) part matches a packet. */
final class TrafficMatch {
    private TrafficMatch() {
    }

    static boolean matches(SecurityGroupRule rule, Packet packet) {
        return matches(rule.protocol(), rule.fromPort(), rule.toPort(), rule.fromPort(), rule.toPort(), packet);
    }

    static boolean matches(NetworkAclEntry entry, Packet packet) {
        int from = entry.portRange() == null ? 0 : entry.portRange().from();
        int to = entry.portRange() == null ? 65535 : entry.portRange().to();
        return matches(entry.protocol(), from, to, entry.icmpType(), entry.icmpCode(), packet);
    }

    static boolean matches(int protocol, int fromPort, int toPort, int icmpType, int icmpCode, Packet p) {
        if (protocol == Protocol.ALL) {
            return true;
        }
        if (protocol != p.protocol()) {
            return false;
        }
        if (Protocol.hasPorts(protocol)) {
            return p.dstPort() >= fromPort && p.dstPort() <= toPort;
        }
        if (protocol == Protocol.ICMP) {
            return (icmpType < 0 || icmpType == p.icmpType()) && (icmpCode < 0 || icmpCode == p.icmpCode());
        }
        return true;
    }
}
