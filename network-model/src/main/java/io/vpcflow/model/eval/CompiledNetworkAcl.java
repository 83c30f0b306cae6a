package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.net.CidrTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * A network ACL indexed by the rule blocks: a lookup only tries the rules whose block holds the remote address and
 * keeps the lowest-numbered match, which is what "lowest number first, first match wins" decides.
 */
final class CompiledNetworkAcl {
    private final NetworkAcl acl;
    private final CidrTrie<List<NetworkAclEntry>> inbound = new CidrTrie<>();
    private final CidrTrie<List<NetworkAclEntry>> outbound = new CidrTrie<>();

    CompiledNetworkAcl(NetworkAcl acl) {
        this.acl = acl;
        for (NetworkAclEntry entry : acl.entries()) {
            (entry.egress() ? outbound : inbound).computeIfAbsent(entry.cidr(), () -> new ArrayList<>(2)).add(entry);
        }
    }

    NetworkAcl acl() {
        return acl;
    }

    /**
     * The deciding entry for a packet entering (remote = source) or leaving (remote = destination) the subnet, or
     * null when no rule matches and the final {@code *} rule denies.
     */
    NetworkAclEntry decide(boolean isEgress, Packet packet) {
        int remote = isEgress ? packet.dstIp() : packet.srcIp();
        NetworkAclEntry best = null;
        for (List<NetworkAclEntry> atPrefix : (isEgress ? outbound : inbound).allMatches(remote)) {
            for (NetworkAclEntry entry : atPrefix) {
                if ((best == null || entry.ruleNumber() < best.ruleNumber()) && TrafficMatch.matches(entry, packet)) {
                    best = entry;
                }
            }
        }
        return best;
    }
}
