package io.vpcflow.model.eval;

import io.vpcflow.model.PrefixList;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.CidrTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A security group's rules indexed for lookup: CIDR and prefix-list peers in a trie keyed by the remote address (so
 * only rules whose block holds the address are tried; each block also carries the rules of the shorter blocks
 * holding it, so one longest-prefix match finds them all), group peers by group id.
 */
final class CompiledSecurityGroup {
    private final SecurityGroup group;
    private final Rules ingress;
    private final Rules egress;

    CompiledSecurityGroup(SecurityGroup group, Function<String, PrefixList> prefixLists) {
        this.group = group;
        this.ingress = new Rules(group.ingress(), prefixLists);
        this.egress = new Rules(group.egress(), prefixLists);
    }

    SecurityGroup group() {
        return group;
    }

    /** The first rule allowing the packet, or null. {@code remoteGroups} are the groups of the other ENI, if any. */
    SecurityGroupRule allow(boolean isEgress, Packet packet, int remoteIp, List<String> remoteGroups) {
        return (isEgress ? egress : ingress).match(packet, remoteIp, remoteGroups);
    }

    private static final class Rules {
        private final CidrTrie<PackedRules<SecurityGroupRule>> byCidr;
        private final Map<String, List<SecurityGroupRule>> byGroup = new HashMap<>();

        Rules(List<SecurityGroupRule> rules, Function<String, PrefixList> prefixLists) {
            CidrTrie<List<SecurityGroupRule>> cidrs = new CidrTrie<>();
            for (SecurityGroupRule rule : rules) {
                RulePeer peer = rule.peer();
                if (peer instanceof RulePeer.CidrPeer cidrPeer) {
                    add(cidrs, cidrPeer.cidr(), rule);
                } else if (peer instanceof RulePeer.PrefixListPeer plPeer) {
                    PrefixList list = prefixLists.apply(plPeer.prefixListId());
                    if (list != null) {
                        list.cidrs().forEach(cidr -> add(cidrs, cidr, rule));
                    }
                } else if (peer instanceof RulePeer.GroupPeer groupPeer) {
                    byGroup.computeIfAbsent(groupPeer.groupId(), k -> new ArrayList<>()).add(rule);
                }
            }
            byCidr = cidrs.withInherited(PackedRules::securityGroupRules);
        }

        private static void add(CidrTrie<List<SecurityGroupRule>> cidrs, Cidr cidr, SecurityGroupRule rule) {
            cidrs.computeIfAbsent(cidr, () -> new ArrayList<>(2)).add(rule);
        }

        SecurityGroupRule match(Packet packet, int remoteIp, List<String> remoteGroups) {
            PackedRules<SecurityGroupRule> candidates = byCidr.longestMatch(remoteIp);
            SecurityGroupRule byBlock = candidates == null ? null : candidates.firstMatch(packet);
            if (byBlock != null) {
                return byBlock;
            }
            for (String remoteGroup : remoteGroups) {
                List<SecurityGroupRule> rules = byGroup.get(remoteGroup);
                if (rules != null) {
                    for (SecurityGroupRule rule : rules) {
                        if (TrafficMatch.matches(rule, packet)) {
                            return rule;
                        }
                    }
                }
            }
            return null;
        }
    }
}
