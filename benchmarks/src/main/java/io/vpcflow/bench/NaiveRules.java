package io.vpcflow.bench;

import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Route;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Protocol;
import java.util.List;
import java.util.function.Function;

/** Rule matching by linear scan, with AWS's semantics; the baseline's whole point is that nothing is indexed. */
final class NaiveRules {
    private NaiveRules() {
    }

    /** Whether any rule, tried in order, allows the packet to or from {@code remoteIp}. */
    static boolean anyAllows(List<SecurityGroupRule> rules, Packet p, int remoteIp, List<String> remoteGroups,
                             NaiveIndex index) {
        for (SecurityGroupRule rule : rules) {
            if (traffic(rule.protocol(), rule.fromPort(), rule.toPort(), rule.fromPort(), rule.toPort(), p)
                    && peerHolds(rule.peer(), remoteIp, remoteGroups, index)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerHolds(RulePeer peer, int remoteIp, List<String> remoteGroups, NaiveIndex index) {
        if (peer instanceof RulePeer.CidrPeer cidr) {
            return cidr.cidr().contains(remoteIp);
        }
        if (peer instanceof RulePeer.GroupPeer group) {
            return remoteGroups.contains(group.groupId());
        }
        PrefixList list = index.prefixList(((RulePeer.PrefixListPeer) peer).prefixListId());
        if (list != null) {
            for (Cidr cidr : list.cidrs()) {
                if (cidr.contains(remoteIp)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first entry, in the given (rule-number) order, that matches; null means the final rule denies. */
    static NetworkAclEntry firstAclMatch(List<NetworkAclEntry> sortedEntries, Packet p) {
        for (NetworkAclEntry entry : sortedEntries) {
            int remote = entry.egress() ? p.dstIp() : p.srcIp();
            int from = entry.portRange() == null ? 0 : entry.portRange().from();
            int to = entry.portRange() == null ? 65535 : entry.portRange().to();
            if (entry.cidr().contains(remote) && traffic(entry.protocol(), from, to, entry.icmpType(), entry.icmpCode(), p)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The route with the longest destination holding {@code address}. A CIDR route beats a prefix-list route for the
     * same block, a later CIDR route replaces an earlier one for the same block, the first prefix-list route wins.
     */
    static Route longestPrefixMatch(List<Route> routes, int address, Function<String, PrefixList> prefixLists) {
        Route best = null;
        int bestLength = -1;
        for (Route route : routes) {
            Cidr cidr = route.destinationCidr();
            if (cidr != null) {
                if (cidr.contains(address) && cidr.prefixLength() >= bestLength) {
                    best = route;
                    bestLength = cidr.prefixLength();
                }
                continue;
            }
            PrefixList list = prefixLists.apply(route.destinationPrefixListId());
            for (Cidr listed : list == null ? List.<Cidr>of() : list.cidrs()) {
                if (listed.contains(address) && listed.prefixLength() > bestLength) {
                    best = route;
                    bestLength = listed.prefixLength();
                }
            }
        }
        return best;
    }

    private static boolean traffic(int protocol, int fromPort, int toPort, int icmpType, int icmpCode, Packet p) {
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
