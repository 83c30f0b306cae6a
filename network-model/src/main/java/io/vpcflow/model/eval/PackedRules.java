package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Candidate rules in a fixed order with their protocol, port and ICMP parts laid out in one int array: trying them
 * reads that array instead of one rule object (and its port range) after another, which is what a lookup in a large
 * rule set spends its time on.
 */
final class PackedRules<R> {
    private static final int WIDTH = 5;
    private static final Comparator<NetworkAclEntry> BY_NUMBER = Comparator.comparingInt(NetworkAclEntry::ruleNumber);

    private final List<R> rules;
    private final int[] traffic;

    private PackedRules(List<R> rules, int[] traffic) {
        this.rules = rules;
        this.traffic = traffic;
    }

    /** {@code inherited}'s rules, then {@code own}, in that order. */
    static PackedRules<SecurityGroupRule> securityGroupRules(PackedRules<SecurityGroupRule> inherited,
                                                             List<SecurityGroupRule> own) {
        List<SecurityGroupRule> all = concat(inherited, own);
        int[] traffic = new int[all.size() * WIDTH];
        for (int i = 0; i < all.size(); i++) {
            SecurityGroupRule rule = all.get(i);
            put(traffic, i, rule.protocol(), rule.fromPort(), rule.toPort(), rule.fromPort(), rule.toPort());
        }
        return new PackedRules<>(all, traffic);
    }

    /** {@code inherited}'s entries and {@code own}, sorted stably by rule number. */
    static PackedRules<NetworkAclEntry> aclEntries(PackedRules<NetworkAclEntry> inherited, List<NetworkAclEntry> own) {
        List<NetworkAclEntry> all = concat(inherited, own);
        all.sort(BY_NUMBER);
        int[] traffic = new int[all.size() * WIDTH];
        for (int i = 0; i < all.size(); i++) {
            NetworkAclEntry entry = all.get(i);
            int from = entry.portRange() == null ? 0 : entry.portRange().from();
            int to = entry.portRange() == null ? 65535 : entry.portRange().to();
            put(traffic, i, entry.protocol(), from, to, entry.icmpType(), entry.icmpCode());
        }
        return new PackedRules<>(all, traffic);
    }

    /** The first rule, in order, whose traffic part matches the packet; null when none does. */
    R firstMatch(Packet p) {
        int[] t = traffic;
        for (int i = 0, at = 0; at < t.length; i++, at += WIDTH) {
            if (TrafficMatch.matches(t[at], t[at + 1], t[at + 2], t[at + 3], t[at + 4], p)) {
                return rules.get(i);
            }
        }
        return null;
    }

    private static <R> List<R> concat(PackedRules<R> inherited, List<R> own) {
        List<R> all = new ArrayList<>((inherited == null ? 0 : inherited.rules.size()) + own.size());
        if (inherited != null) {
            all.addAll(inherited.rules);
        }
        all.addAll(own);
        return all;
    }

    private static void put(int[] traffic, int index, int protocol, int from, int to, int icmpType, int icmpCode) {
        int at = index * WIDTH;
        traffic[at] = protocol;
        traffic[at + 1] = from;
        traffic[at + 2] = to;
        traffic[at + 3] = icmpType;
        traffic[at + 4] = icmpCode;
    }
}
