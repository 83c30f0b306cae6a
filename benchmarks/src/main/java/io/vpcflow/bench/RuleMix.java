package io.vpcflow.bench;

import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The rules of one hot VPC's security group and network ACL, exactly {@code rules} per direction, in three kinds:
 * <ul>
 *   <li>decisive rules that give the packet pool its verdicts (HTTPS, DNS, ping, SSH from the admin subnet, Postgres
 *   from the app group, partners by prefix list; ACL denies for RDP, SMTP and the quarantined subnet). In a security
 *   group they come last; in an ACL the broad allows have the highest numbers and the denies sit in between;</li>
 *   <li>decoys: blocks that hold the pool's addresses (hosts, subnets, VPCs, 10/8, the internet hosts) with traffic
 *   the pool never sends, so that an indexed lookup finds several candidates at several prefix lengths;</li>
 *   <li>noise: random blocks of every prefix length from /8 to /32, random protocols and port ranges, some group
 *   references and prefix lists, ACL allows and denies interleaved.</li>
 * </ul>
 * Decoys take at most 40% of the slots, so a small rule set is a sample of them.
 */
final class RuleMix {
    private static final int[] DECOY_TCP_PORTS = {3306, 6379, 8080, 9200, 11211, 27017, 2049, 5601, 9092, 15672};
    private static final int[] DECOY_UDP_PORTS = {123, 161, 514, 1812, 4789};
    private static final int[] DECOY_ICMP_TYPES = {3, 11, 13, 17};
    private static final int[] OTHER_PROTOCOLS = {47, 50, 132};
    private static final int TEN = Ipv4.parse("10.0.0.0");

    private final int vpc;
    private final List<Integer> internetHosts;
    private final Random random;

    RuleMix(int vpc, List<Integer> internetHosts, Random random) {
        this.vpc = vpc;
        this.internetHosts = internetHosts;
        this.random = random;
    }

    List<SecurityGroupRule> securityGroupIngress(int rules) {
        List<SecurityGroupRule> decisive = new ArrayList<>(List.of(
                sg(Protocol.TCP, 443, 443, cidr("10.0.0.0/8"), "https from the VPCs"),
                sg(Protocol.UDP, 53, 53, cidr("10." + vpc + ".0.0/16"), "dns from this VPC"),
                sg(Protocol.ICMP, 8, -1, cidr("10.0.0.0/8"), "ping"),
                sg(Protocol.TCP, 22, 22, cidr("10." + vpc + "." + LargeNetwork.ADMIN_SUBNET + ".0/24"), "ssh from admin"),
                sg(Protocol.TCP, 5432, 5432, new RulePeer.GroupPeer(LargeNetwork.appGroupId(vpc), null), "postgres")));
        for (int peer : LargeNetwork.peersOf(vpc)) {
            decisive.add(sg(Protocol.TCP, 5432, 5432, new RulePeer.GroupPeer(LargeNetwork.appGroupId(peer), null),
                    "postgres from peer"));
        }
        decisive.add(sg(Protocol.TCP, 8443, 8443, new RulePeer.PrefixListPeer("pl-partners"), "partners"));
        decisive.add(sg(Protocol.TCP, 443, 443, new RulePeer.CidrPeer(Cidr.ANY), "https from anywhere"));
        return securityGroup(rules, decisive);
    }

    List<SecurityGroupRule> securityGroupEgress(int rules) {
        List<SecurityGroupRule> decisive = List.of(
                sg(Protocol.ALL, -1, -1, cidr("10.0.0.0/8"), "all to the VPCs"),
                sg(Protocol.TCP, 8443, 8443, new RulePeer.PrefixListPeer("pl-partners"), "partners"),
                sg(Protocol.UDP, 53, 53, new RulePeer.CidrPeer(Cidr.ANY), "dns"),
                sg(Protocol.TCP, 443, 443, new RulePeer.CidrPeer(Cidr.ANY), "https"));
        return securityGroup(rules, decisive);
    }

    private List<SecurityGroupRule> securityGroup(int rules, List<SecurityGroupRule> decisive) {
        List<SecurityGroupRule> result = new ArrayList<>();
        List<Cidr> decoys = decoyBlocks(rules - decisive.size());
        for (Cidr block : decoys) {
            result.add(decoySgRule(new RulePeer.CidrPeer(block)));
        }
        for (int peer : LargeNetwork.peersOf(vpc)) {
            if (result.size() < (rules - decisive.size()) / 2) {
                result.add(decoySgRule(new RulePeer.GroupPeer(LargeNetwork.appGroupId(peer), null)));
            }
        }
        while (result.size() < rules - decisive.size()) {
            result.add(noiseSgRule());
        }
        Collections.shuffle(result, random);
        result.addAll(decisive);
        return result;
    }

    /** Inbound ({@code egress} false) or outbound entries, numbered in steps so that {@code rules} fit under 32766. */
    List<NetworkAclEntry> aclEntries(boolean egress, int rules) {
        List<Template> ends = egress
                ? List.of(allow(Protocol.ALL, null, "10.0.0.0/8"), allow(Protocol.TCP, PortRange.of(443), "0.0.0.0/0"),
                        allow(Protocol.TCP, PortRange.of(8443), "0.0.0.0/0"), allow(Protocol.UDP, PortRange.of(53), "0.0.0.0/0"),
                        allow(Protocol.TCP, new PortRange(1024, 65535), "0.0.0.0/0"))
                : List.of(allow(Protocol.ALL, null, "10.0.0.0/8"), allow(Protocol.TCP, PortRange.of(443), "0.0.0.0/0"),
                        allow(Protocol.TCP, PortRange.of(8443), "0.0.0.0/0"),
                        allow(Protocol.TCP, new PortRange(1024, 65535), "0.0.0.0/0"),
                        allow(Protocol.UDP, new PortRange(1024, 65535), "0.0.0.0/0"));
        List<Template> denies = egress
                ? List.of(new Template(Protocol.TCP, PortRange.of(25), -1, Cidr.ANY, false))
                : List.of(new Template(Protocol.TCP, PortRange.of(3389), -1, Cidr.ANY, false),
                        new Template(Protocol.ALL, null, -1,
                                cidr("10." + vpc + "." + LargeNetwork.QUARANTINED_SUBNET + ".0/24"), false));
        int free = rules - ends.size() - denies.size();
        List<Template> body = new ArrayList<>();
        for (Cidr block : decoyBlocks(free)) {
            body.add(decoyAclTemplate(block));
        }
        while (body.size() < free) {
            body.add(noiseAclTemplate());
        }
        Collections.shuffle(body, random);
        for (int i = 0; i < denies.size(); i++) {
            body.add(body.size() * (2 + i) / (3 + denies.size()), denies.get(i));
        }
        body.addAll(ends);
        int step = Math.max(1, (NetworkAclEntry.MAX_RULE - 100) / rules);
        List<NetworkAclEntry> entries = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Template t = body.get(i);
            entries.add(new NetworkAclEntry((i + 1) * step, egress, t.protocol, t.ports, t.icmpType, -1, t.cidr, t.allow));
        }
        return entries;
    }

    // ---- decoys: the pool's own blocks, traffic the pool never sends ----

    private List<Cidr> decoyBlocks(int slots) {
        List<Cidr> blocks = new ArrayList<>();
        List<Integer> vpcs = new ArrayList<>(List.of(vpc));
        vpcs.addAll(LargeNetwork.peersOf(vpc));
        for (int v : vpcs) {
            blocks.add(cidr("10." + v + ".0.0/16"));
            blocks.add(cidr("10." + v + ".0.0/16"));
            blocks.add(cidr("10." + v + ".0.0/20"));
            for (int s = 0; s < LargeNetwork.SUBNETS_PER_VPC; s++) {
                blocks.add(cidr("10." + v + "." + s + ".0/24"));
                blocks.add(cidr("10." + v + "." + s + ".0/24"));
                blocks.add(cidr("10." + v + "." + s + ".0/26"));
                for (int h = 0; h < LargeNetwork.HOSTS_PER_SUBNET; h++) {
                    blocks.add(new Cidr(LargeNetwork.hostAddress(v, s, h), 32));
                }
            }
        }
        blocks.add(cidr("10.0.0.0/8"));
        blocks.add(cidr("10.0.0.0/8"));
        blocks.add(Cidr.ANY);
        for (int host : internetHosts) {
            blocks.add(new Cidr(host, 32));
            blocks.add(new Cidr(host, 24));
        }
        Collections.shuffle(blocks, random);
        int max = Math.max(0, slots * 2 / 5);
        return blocks.size() <= max ? blocks : blocks.subList(0, max);
    }

    private SecurityGroupRule decoySgRule(RulePeer peer) {
        Template t = decoyTraffic();
        int from = t.protocol == Protocol.ICMP ? t.icmpType : t.ports == null ? -1 : t.ports.from();
        int to = t.protocol == Protocol.ICMP ? -1 : t.ports == null ? -1 : t.ports.to();
        return new SecurityGroupRule(t.protocol, from, to, peer, "decoy");
    }

    private Template decoyAclTemplate(Cidr block) {
        Template t = decoyTraffic();
        return new Template(t.protocol, t.ports, t.icmpType, block, random.nextBoolean());
    }

    private Template decoyTraffic() {
        int kind = random.nextInt(10);
        if (kind < 6) {
            int port = DECOY_TCP_PORTS[random.nextInt(DECOY_TCP_PORTS.length)];
            return new Template(Protocol.TCP, new PortRange(port, port + random.nextInt(3)), -1, null, true);
        }
        if (kind < 8) {
            return new Template(Protocol.UDP, PortRange.of(DECOY_UDP_PORTS[random.nextInt(DECOY_UDP_PORTS.length)]),
                    -1, null, true);
        }
        if (kind < 9) {
            return new Template(Protocol.ICMP, null, DECOY_ICMP_TYPES[random.nextInt(DECOY_ICMP_TYPES.length)], null, true);
        }
        return new Template(OTHER_PROTOCOLS[random.nextInt(OTHER_PROTOCOLS.length)], null, -1, null, true);
    }

    // ---- noise ----

    private SecurityGroupRule noiseSgRule() {
        int kind = random.nextInt(100);
        RulePeer peer;
        if (kind < 2) {
            peer = new RulePeer.GroupPeer(LargeNetwork.appGroupId(LargeNetwork.HOT_VPCS
                    + random.nextInt(LargeNetwork.VPCS - LargeNetwork.HOT_VPCS)), null);
        } else if (kind < 3) {
            peer = new RulePeer.PrefixListPeer(LargeNetwork.corpPrefixList(random.nextInt(LargeNetwork.CORP_PREFIX_LISTS)));
        } else {
            peer = new RulePeer.CidrPeer(randomCidr(random));
        }
        Template t = noiseTraffic();
        int from = t.protocol == Protocol.ICMP ? t.icmpType : t.ports == null ? -1 : t.ports.from();
        int to = t.protocol == Protocol.ICMP ? -1 : t.ports == null ? -1 : t.ports.to();
        return new SecurityGroupRule(t.protocol, from, to, peer, "noise");
    }

    private Template noiseAclTemplate() {
        Template t = noiseTraffic();
        return new Template(t.protocol, t.ports, t.icmpType, randomCidr(random), random.nextBoolean());
    }

    private Template noiseTraffic() {
        int kind = random.nextInt(100);
        if (kind < 55) {
            return new Template(Protocol.TCP, randomPorts(), -1, null, true);
        }
        if (kind < 75) {
            return new Template(Protocol.UDP, randomPorts(), -1, null, true);
        }
        if (kind < 85) {
            return new Template(Protocol.ICMP, null, random.nextInt(19) - 1, null, true);
        }
        if (kind < 90) {
            return new Template(Protocol.ALL, null, -1, null, true);
        }
        return new Template(OTHER_PROTOCOLS[random.nextInt(OTHER_PROTOCOLS.length)], null, -1, null, true);
    }

    private PortRange randomPorts() {
        int from = 1 + random.nextInt(65535);
        if (random.nextInt(10) < 7) {
            return PortRange.of(from);
        }
        return new PortRange(from, Math.min(65535, from + random.nextInt(2000)));
    }

    /**
     * A block of a random length, mostly long (45% /32, 25% /24-/31, 20% /16-/23, 10% /8-/15). Half of the blocks
     * of /16 and longer are in 10/8 and half in public space; the short ones are public (a partner's /12, say): a
     * random short block in 10/8 would hold the whole pool and decide for it by chance.
     */
    static Cidr randomCidr(Random random) {
        int roll = random.nextInt(100);
        if (roll >= 90) {
            return new Cidr(publicAddress(random), 8 + random.nextInt(8));
        }
        int length = roll < 45 ? 32 : roll < 70 ? 24 + random.nextInt(8) : 16 + random.nextInt(8);
        int address = random.nextBoolean() ? TEN | (random.nextInt() >>> 8) : publicAddress(random);
        return new Cidr(address, length);
    }

    private static int publicAddress(Random random) {
        while (true) {
            int address = random.nextInt();
            if (!Ipv4.isPrivate(address) && (address >>> 24) != 0 && (address >>> 24) < 224) {
                return address;
            }
        }
    }

    static List<Cidr> randomCidrs(Random random, int count) {
        List<Cidr> cidrs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cidrs.add(randomCidr(random));
        }
        return cidrs;
    }

    private static SecurityGroupRule sg(int protocol, int from, int to, Cidr block, String description) {
        return new SecurityGroupRule(protocol, from, to, new RulePeer.CidrPeer(block), description);
    }

    private static SecurityGroupRule sg(int protocol, int from, int to, RulePeer peer, String description) {
        return new SecurityGroupRule(protocol, from, to, peer, description);
    }

    private static Template allow(int protocol, PortRange ports, String block) {
        return new Template(protocol, ports, -1, cidr(block), true);
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    /** An ACL entry without its number and direction, or the traffic part of a rule. */
    private record Template(int protocol, PortRange ports, int icmpType, Cidr cidr, boolean allow) {
    }
}
