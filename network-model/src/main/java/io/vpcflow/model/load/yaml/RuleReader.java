package io.vpcflow.model.load.yaml;

import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Security-group and network-ACL rules in their compact form:
 * {@code {proto: tcp, ports: 443, from: 10.0.0.0/16}} and {@code {rule: 100, proto: all, cidr: 0.0.0.0/0, action: allow}}.
 */
final class RuleReader {
    private static final Set<String> SG_IN_KEYS = Set.of("proto", "ports", "type", "code", "from", "description");
    private static final Set<String> SG_OUT_KEYS = Set.of("proto", "ports", "type", "code", "to", "description");
    private static final Set<String> ACL_KEYS = Set.of("rule", "proto", "ports", "type", "code", "cidr", "action");

    private final Ctx ctx;
    private final String region;

    RuleReader(Ctx ctx, String region) {
        this.ctx = ctx;
        this.region = region;
    }

    /** One rule per peer: a rule with {@code from: [a, b]} becomes two rules. */
    List<SecurityGroupRule> securityGroupRules(List<Node> items, String groupId, boolean egress) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        String peerKey = egress ? "to" : "from";
        for (Node item : items) {
            String entity = "security group " + groupId + " " + (egress ? "outbound" : "inbound") + " rule";
            Fields f = Fields.ofPart(ctx, item, groupId, entity, egress ? SG_OUT_KEYS : SG_IN_KEYS);
            if (f == null) {
                continue;
            }
            Integer protocol = protocol(f, groupId);
            List<int[]> ranges = protocol == null ? List.of() : portRanges(f, protocol, groupId);
            List<String> peers = f.strings(peerKey);
            if (peers.isEmpty()) {
                ctx.error(item, groupId, entity + " has no '" + peerKey + "'",
                        "add `" + peerKey + ":` with a CIDR, sg- id, ACCOUNT/sg- id, pl- list or internet host name");
            }
            for (int[] range : ranges) {
                for (String ref : peers) {
                    RulePeer peer = peer(ref, item, groupId);
                    SecurityGroupRule rule = peer == null ? null : ctx.build(item, groupId,
                            () -> new SecurityGroupRule(protocol, range[0], range[1], peer, f.string("description")));
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
            }
        }
        return rules;
    }

    /** Security-group rules take a list of ports too: {@code ports: [80, 443]} is two rules. */
    private List<int[]> portRanges(Fields f, int protocol, String groupId) {
        List<int[]> ranges = new ArrayList<>();
        if (Protocol.hasPorts(protocol) && f.has("ports")) {
            for (String text : f.strings("ports")) {
                int[] range = ports(text, f.node("ports"), groupId);
                if (range != null) {
                    ranges.add(range);
                }
            }
            return ranges;
        }
        int[] range = portsOrIcmp(f, protocol, groupId);
        if (range != null) {
            ranges.add(range);
        }
        return ranges;
    }

    List<NetworkAclEntry> aclEntries(List<Node> items, String aclId, boolean egress) {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (Node item : items) {
            String entity = "network ACL " + aclId + " " + (egress ? "outbound" : "inbound") + " rule";
            Fields f = Fields.ofPart(ctx, item, aclId, entity, ACL_KEYS);
            if (f == null) {
                continue;
            }
            Integer number = f.integer("rule");
            if (number == null && !f.has("rule")) {
                ctx.error(item, aclId, entity + " has no rule number", "add `rule: <1-32766>`");
            } else if (number != null && (number < NetworkAclEntry.MIN_RULE || number > NetworkAclEntry.MAX_RULE)) {
                ctx.error(f.node("rule"), aclId, entity + " number " + number + " is outside 1-32766",
                        "number rules from 1 to 32766 (AWS keeps 32767, the final *, for the implicit deny)");
                continue;
            }
            Integer protocol = protocol(f, aclId);
            int[] range = protocol == null ? null : portsOrIcmp(f, protocol, aclId);
            Cidr cidr = cidrOrHost(f.required("cidr", "add `cidr: 0.0.0.0/0` or another block"), item, aclId);
            Boolean allow = action(f, aclId);
            if (number == null || range == null || cidr == null || allow == null) {
                continue;
            }
            NetworkAclEntry entry = ctx.build(item, aclId, () -> Protocol.hasPorts(protocol)
                    ? new NetworkAclEntry(number, egress, protocol, new PortRange(range[0], range[1]), -1, -1, cidr, allow)
                    : new NetworkAclEntry(number, egress, protocol, null, range[0], range[1], cidr, allow));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private Boolean action(Fields f, String aclId) {
        String action = f.required("action", "add `action: allow` or `action: deny`");
        if (action == null) {
            return null;
        }
        switch (action.toLowerCase(Locale.ROOT)) {
            case "allow": return true;
            case "deny": return false;
            default:
                ctx.error(f.node("action"), aclId, "network ACL action '" + action + "' is neither allow nor deny",
                        "write `action: allow` or `action: deny`");
                return null;
        }
    }

    private Integer protocol(Fields f, String entityId) {
        String text = f.string("proto");
        if (text == null) {
            ctx.error(f.node(), entityId, "rule of " + entityId + " has no 'proto'",
                    "add `proto: tcp`, `udp`, `icmp`, `all` or a protocol number");
            return null;
        }
        try {
            return Protocol.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(f.node("proto"), entityId, e.getMessage(), "write tcp, udp, icmp, all or a number 0-255");
            return null;
        }
    }

    /** {from, to} ports for TCP/UDP (all when absent), {type, code} for ICMP (-1 = any), {-1, -1} otherwise. */
    private int[] portsOrIcmp(Fields f, int protocol, String entityId) {
        if (Protocol.hasPorts(protocol)) {
            String text = f.string("ports");
            return text == null ? new int[] {0, 65535} : ports(text, f.node("ports"), entityId);
        }
        if (f.has("ports")) {
            ctx.error(f.node("ports"), entityId, "ports apply only to tcp and udp, not " + Protocol.name(protocol),
                    "remove 'ports' (use type/code for icmp)");
            return null;
        }
        Integer type = f.integer("type");
        Integer code = f.integer("code");
        return new int[] {type == null ? -1 : type, code == null ? -1 : code};
    }

    /** Parses {@code 443}, {@code 1024-65535}, {@code all}. */
    int[] ports(String text, Node at, String entityId) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("all") || trimmed.equals("any")) {
            return new int[] {0, 65535};
        }
        int dash = trimmed.indexOf('-', 1);
        try {
            int from = Integer.parseInt(dash < 0 ? trimmed : trimmed.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(trimmed.substring(dash + 1).trim());
            PortRange range = new PortRange(from, to);
            return new int[] {range.from(), range.to()};
        } catch (NumberFormatException e) {
            ctx.error(at, entityId, "'" + text + "' is not a port or port range",
                    "write a port (443), a range (1024-65535) or all");
        } catch (IllegalArgumentException e) {
            ctx.error(at, entityId, e.getMessage(), "use ports within 0-65535, lower first");
        }
        return null;
    }

    private RulePeer peer(String ref, Node at, String groupId) {
        if (ref.startsWith("sg-")) {
            return new RulePeer.GroupPeer(ref, null);
        }
        int slash = ref.indexOf("/sg-");
        if (slash > 0) {
            return new RulePeer.GroupPeer(ref.substring(slash + 1), ref.substring(0, slash));
        }
        if (Ctx.isPrefixListRef(ref)) {
            return new RulePeer.PrefixListPeer(ctx.prefixListRef(ref, region, at));
        }
        Cidr cidr = cidrOrHost(ref, at, groupId);
        return cidr == null ? null : new RulePeer.CidrPeer(cidr);
    }

    /** A CIDR block, a bare address (/32), or the name of an internet host (its address /32). */
    Cidr cidrOrHost(String ref, Node at, String entityId) {
        if (ref == null) {
            return null;
        }
        String host = ctx.hosts.get(ref);
        if (host != null) {
            return new Cidr(Ipv4.parse(host), 32);
        }
        try {
            return Cidr.parse(ref);
        } catch (IllegalArgumentException e) {
            ctx.error(at, entityId, "'" + ref + "' is not a CIDR block, address or internet host name: "
                    + e.getMessage(), "write a block such as 10.0.0.0/16, an sg-/pl- id, or a name from internet-hosts");
            return null;
        }
    }
}
