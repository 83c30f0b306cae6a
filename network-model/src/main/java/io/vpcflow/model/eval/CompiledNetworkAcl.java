package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.net.CidrTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * A network ACL indexed by the rule blocks. Each block of the trie holds, in rule-number order, its own entries and
 * those of every shorter block holding it, so a lookup is one longest-prefix match and the first entry that matches
 * is the lowest-numbered match: what "lowest number first, first match wins" decides.
 */
final class CompiledNetworkAcl {
    private final NetworkAcl acl;
    private final CidrTrie<PackedRules<NetworkAclEntry>> inbound;
    private final CidrTrie<PackedRules<NetworkAclEntry>> outbound;

    CompiledNetworkAcl(NetworkAcl acl) {
        this.acl = acl;
        CidrTrie<List<NetworkAclEntry>> in = new CidrTrie<>();
        CidrTrie<List<NetworkAclEntry>> out = new CidrTrie<>();
        for (NetworkAclEntry entry : acl.entries()) {
            (entry.egress() ? out : in).computeIfAbsent(entry.cidr(), () -> new ArrayList<>(2)).add(entry);
        }
        this.inbound = in.withInherited(PackedRules::aclEntries);
        this.outbound = out.withInherited(PackedRules::aclEntries);
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
        PackedRules<NetworkAclEntry> candidates = (isEgress ? outbound : inbound).longestMatch(remote);
        return candidates == null ? null : candidates.firstMatch(packet);
    }
}
