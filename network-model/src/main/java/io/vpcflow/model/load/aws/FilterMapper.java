package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.array;
import static io.vpcflow.model.load.aws.DescribeJson.bool;
import static io.vpcflow.model.load.aws.DescribeJson.cidr;
import static io.vpcflow.model.load.aws.DescribeJson.integer;
import static io.vpcflow.model.load.aws.DescribeJson.text;
import static io.vpcflow.model.load.aws.DescribeJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.List;

/** Security groups and network ACLs. IPv6 rules are left out: the model is IPv4. */
final class FilterMapper {
    /** The implicit final deny ({@code *}), which AWS lists and the model does not store. */
    private static final int IMPLICIT_DENY = 32767;

    private final LoadContext ctx;

    FilterMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void securityGroups(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "GroupId");
            String owner = text(item, "OwnerId") != null ? text(item, "OwnerId") : file.folderAccount();
            ctx.add(file, item, id, () -> new SecurityGroup(id, text(item, "GroupName"), text(item, "VpcId"), owner,
                    rules(file, id, owner, array(item, "IpPermissions"), "inbound"),
                    rules(file, id, owner, array(item, "IpPermissionsEgress"), "outbound")), ctx.builder::add);
        }
    }

    /** One rule per IPv4 range, prefix list and referenced group of each permission. */
    private List<SecurityGroupRule> rules(DescribeFile file, String groupId, String owner, List<JsonNode> permissions,
                                          String direction) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (int i = 0; i < permissions.size(); i++) {
            JsonNode permission = permissions.get(i);
            String what = direction + " permission " + (i + 1) + " of " + permissions.size();
            List<SecurityGroupRule> expanded = ctx.attempt(file, groupId, what, () -> expand(permission, owner));
            if (expanded != null) {
                rules.addAll(expanded);
            }
        }
        return rules;
    }

    private static List<SecurityGroupRule> expand(JsonNode permission, String owner) {
        int protocol = Protocol.parse(text(permission, "IpProtocol"));
        boolean ports = Protocol.hasPorts(protocol);
        int from = integer(permission, "FromPort", ports ? 0 : -1);
        int to = integer(permission, "ToPort", ports ? 65535 : -1);
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (JsonNode range : array(permission, "IpRanges")) {
            Cidr cidr = Cidr.parse(text(range, "CidrIp"));
            RulePeer peer = new RulePeer.CidrPeer(cidr);
            rules.add(new SecurityGroupRule(protocol, from, to, peer, text(range, "Description")));
        }
        for (JsonNode prefixList : array(permission, "PrefixListIds")) {
            RulePeer peer = new RulePeer.PrefixListPeer(required(prefixList, "PrefixListId"));
            rules.add(new SecurityGroupRule(protocol, from, to, peer, text(prefixList, "Description")));
        }
        for (JsonNode pair : array(permission, "UserIdGroupPairs")) {
            String account = text(pair, "UserId");
            RulePeer peer = new RulePeer.GroupPeer(required(pair, "GroupId"),
                    account == null || account.equals(owner) ? null : account);
            rules.add(new SecurityGroupRule(protocol, from, to, peer, text(pair, "Description")));
        }
        return rules;
    }

    void networkAcls(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "NetworkAclId");
            ctx.add(file, item, id, () -> new NetworkAcl(id, text(item, "VpcId"), bool(item, "IsDefault", false),
                    texts(item, "Associations", "SubnetId"), entries(file, id, item)), ctx.builder::add);
        }
    }

    private List<NetworkAclEntry> entries(DescribeFile file, String aclId, JsonNode acl) {
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (JsonNode entry : array(acl, "Entries")) {
            String number = text(entry, "RuleNumber");
            String what = (bool(entry, "Egress", false) ? "outbound" : "inbound") + " rule "
                    + (number != null ? number : "without RuleNumber");
            entries.add(ctx.attempt(file, aclId, what, () -> entry(entry)));
        }
        return LoadContext.withoutNulls(entries);
    }

    /** One entry, or null for the implicit deny and for IPv6 entries. */
    private static NetworkAclEntry entry(JsonNode entry) {
        int number = integer(entry, "RuleNumber", -1);
        Cidr cidr = cidr(entry, "CidrBlock");
        if (number == IMPLICIT_DENY || (cidr == null && text(entry, "Ipv6CidrBlock") != null)) {
            return null;
        }
        JsonNode ports = entry.path("PortRange");
        PortRange portRange = ports.isObject()
                ? new PortRange(integer(ports, "From", 0), integer(ports, "To", 65535)) : null;
        JsonNode icmp = entry.path("IcmpTypeCode");
        boolean allow = allow(text(entry, "RuleAction"));
        return new NetworkAclEntry(number, bool(entry, "Egress", false), Protocol.parse(text(entry, "Protocol")),
                portRange, integer(icmp, "Type", -1), integer(icmp, "Code", -1), cidr, allow);
    }

    private static boolean allow(String action) {
        if ("allow".equals(action)) {
            return true;
        }
        if ("deny".equals(action)) {
            return false;
        }
        throw new IllegalArgumentException("unknown RuleAction '" + action + "' (expected allow or deny)");
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("has no " + field);
        }
        return value;
    }
}
