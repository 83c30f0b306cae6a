package io.vpcflow.bench;

import io.vpcflow.model.AwsIpRanges;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated network the size of a large AWS estate, the same for the same seed: 100 VPCs (10.v.0.0/16) of 10
 * subnets (10.v.s.0/24) with 4 instance interfaces each (.10-.13; .10 and .11 in the public subnets 0-4 have public
 * addresses from the benchmarking range 198.18.0.0/15). Each VPC has an internet gateway, a main route table (local,
 * peerings, blackholes) and a public one (the same plus 0.0.0.0/0 to the gateway); VPCs are peered in a ring plus
 * v to v+50.
 *
 * <p>The first {@link #HOT_VPCS} VPCs carry the packet pool. Each of them has a security group ({@code sg-web}, on
 * every interface) with {@code rules} inbound and {@code rules} outbound rules, and a network ACL (on every subnet)
 * with {@code rules} inbound and {@code rules} outbound entries, built by {@link RuleMix}. The other VPCs get small,
 * permissive ones. Subnet 8 of a hot VPC is quarantined by its ACL, subnet 9 is the admin subnet allowed SSH.
 */
public final class LargeNetwork {
    public static final int VPCS = 100;
    public static final int SUBNETS_PER_VPC = 10;
    public static final int PUBLIC_SUBNETS = 5;
    public static final int HOSTS_PER_SUBNET = 4;
    public static final int HOT_VPCS = 4;
    public static final int QUARANTINED_SUBNET = 8;
    public static final int ADMIN_SUBNET = 9;
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final int PUBLIC_BASE = Ipv4.parse("198.18.0.0");
    static final int BLACKHOLE_ROUTES = 5;
    static final int CORP_PREFIX_LISTS = 20;

    private final Network network;
    private final int rules;
    private final List<Integer> internetHosts;
    private final List<Integer> partnerHosts;

    private LargeNetwork(Network network, int rules, List<Integer> internetHosts, List<Integer> partnerHosts) {
        this.network = network;
        this.rules = rules;
        this.internetHosts = internetHosts;
        this.partnerHosts = partnerHosts;
    }

    /** Builds the network whose hot security groups and ACLs hold {@code rules} rules per direction. */
    public static LargeNetwork generate(int rules, long seed) {
        Random random = new Random(seed);
        Network.Builder b = Network.builder();
        List<Integer> internet = internetHosts(random, 64);
        List<Integer> partners = internet.subList(0, 16);
        b.add(new PrefixList("pl-partners", "partners", partners.stream().map(ip -> new Cidr(ip, 32)).toList()));
        for (int k = 0; k < CORP_PREFIX_LISTS; k++) {
            b.add(new PrefixList(corpPrefixList(k), "corp-" + k, RuleMix.randomCidrs(random, 3 + random.nextInt(8))));
        }
        for (int v = 0; v < VPCS; v++) {
            addVpc(b, v);
            addSecurityGroups(b, v, rules, internet, random);
            b.add(networkAcl(v, rules, internet, random));
        }
        for (int v = 0; v < VPCS; v++) {
            for (int peer : new int[] {(v + 1) % VPCS, v + 50}) {
                if (peer < VPCS) {
                    b.add(new VpcPeeringConnection(peeringId(v, peer), PeeringStatus.ACTIVE,
                            new VpcPeeringConnection.Side(vpcId(v), ACCOUNT, REGION),
                            new VpcPeeringConnection.Side(vpcId(peer), ACCOUNT, REGION)));
                }
            }
        }
        return new LargeNetwork(b.build(), rules, List.copyOf(internet), List.copyOf(partners));
    }

    public Network network() {
        return network;
    }

    public int rules() {
        return rules;
    }

    /** Public internet addresses outside AWS's ranges and RFC 1918; the first 16 are in {@code pl-partners}. */
    public List<Integer> internetHosts() {
        return internetHosts;
    }

    public List<Integer> partnerHosts() {
        return partnerHosts;
    }

    public NetworkInterface networkInterface(int vpc, int subnet, int host) {
        return network.networkInterface(eniId(vpc, subnet, host)).orElseThrow();
    }

    public static int hostAddress(int vpc, int subnet, int host) {
        return Ipv4.parse("10." + vpc + "." + subnet + "." + (10 + host));
    }

    /** The peers of {@code vpc}: its ring neighbours and v±50. */
    public static List<Integer> peersOf(int vpc) {
        List<Integer> peers = new ArrayList<>(List.of((vpc + 1) % VPCS, (vpc + VPCS - 1) % VPCS));
        peers.add(vpc < 50 ? vpc + 50 : vpc - 50);
        return peers;
    }

    static String vpcId(int v) {
        return awsId("vpc", v);
    }

    static String subnetId(int v, int s) {
        return awsId("subnet", v * SUBNETS_PER_VPC + s);
    }

    static String eniId(int v, int s, int h) {
        return awsId("eni", (v * SUBNETS_PER_VPC + s) * HOSTS_PER_SUBNET + h);
    }

    static String webGroupId(int v) {
        return awsId("sg", 2 * v);
    }

    static String appGroupId(int v) {
        return awsId("sg", 2 * v + 1);
    }

    static String corpPrefixList(int k) {
        return awsId("pl", k);
    }

    private static String peeringId(int a, int b) {
        return awsId("pcx", Math.min(a, b) * VPCS + Math.max(a, b));
    }

    /**
     * An id shaped like AWS's ({@code subnet-0} and 16 hex digits) that is the same for the same kind and number.
     * Sequential ids would not do: their String hash codes cluster, which no real network shows.
     */
    static String awsId(String kind, int number) {
        long h = (kind.hashCode() * 0x9E3779B97F4A7C15L) ^ number;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return kind + "-0" + String.format("%016x", h);
    }

    private static Cidr vpcCidr(int v) {
        return Cidr.parse("10." + v + ".0.0/16");
    }

    private static void addVpc(Network.Builder b, int v) {
        b.add(new Vpc(vpcId(v), "vpc-" + v, ACCOUNT, REGION, List.of(vpcCidr(v))));
        String igw = awsId("igw", v);
        b.add(new InternetGateway(igw, List.of(vpcId(v))));
        List<String> publicSubnets = new ArrayList<>();
        for (int s = 0; s < SUBNETS_PER_VPC; s++) {
            b.add(new Subnet(subnetId(v, s), "subnet-" + v + "-" + s, vpcId(v), Cidr.parse("10." + v + "." + s + ".0/24"),
                    REGION + (char) ('a' + s % 3), "use1-az" + (1 + s % 3)));
            if (s < PUBLIC_SUBNETS) {
                publicSubnets.add(subnetId(v, s));
            }
            for (int h = 0; h < HOSTS_PER_SUBNET; h++) {
                b.add(instanceInterface(v, s, h));
            }
        }
        List<Route> routes = privateRoutes(v);
        b.add(new RouteTable(awsId("rtb", 2 * v), vpcId(v), true, List.of(), routes));
        List<Route> publicRoutes = new ArrayList<>(routes);
        publicRoutes.add(new Route(Cidr.ANY, null, igw, false));
        b.add(new RouteTable(awsId("rtb", 2 * v + 1), vpcId(v), false, publicSubnets, publicRoutes));
    }

    private static NetworkInterface instanceInterface(int v, int s, int h) {
        String publicIp = null;
        if (s < PUBLIC_SUBNETS && h < 2) {
            publicIp = Ipv4.format(PUBLIC_BASE + (v * PUBLIC_SUBNETS + s) * 2 + h);
        }
        List<String> groups = h == 2 ? List.of(webGroupId(v), appGroupId(v)) : List.of(webGroupId(v));
        return new NetworkInterface(eniId(v, s, h), ACCOUNT, vpcId(v), subnetId(v, s),
                List.of(Ipv4.format(hostAddress(v, s, h))), publicIp, groups, InterfaceType.INSTANCE,
                awsId("i", (v * SUBNETS_PER_VPC + s) * HOSTS_PER_SUBNET + h), true);
    }

    private static List<Route> privateRoutes(int v) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(vpcCidr(v), null, "local", false));
        for (int peer : peersOf(v)) {
            routes.add(new Route(vpcCidr(peer), null, peeringId(v, peer), false));
        }
        for (int m = 0; m < BLACKHOLE_ROUTES; m++) {
            routes.add(new Route(Cidr.parse("172." + (16 + m) + ".0.0/16"), null,
                    awsId("pcx", VPCS * VPCS + m), true));
        }
        return routes;
    }

    private static void addSecurityGroups(Network.Builder b, int v, int rules, List<Integer> internet,
                                          Random random) {
        List<SecurityGroupRule> appIngress = List.of(new SecurityGroupRule(Protocol.TCP, 8080, 8080,
                new RulePeer.CidrPeer(vpcCidr(v)), "app from vpc"));
        List<SecurityGroupRule> allOut = List.of(new SecurityGroupRule(Protocol.ALL, -1, -1,
                new RulePeer.CidrPeer(Cidr.ANY), "all out"));
        b.add(new SecurityGroup(appGroupId(v), "app", vpcId(v), ACCOUNT, appIngress, allOut));
        if (v < HOT_VPCS) {
            RuleMix mix = new RuleMix(v, internet, random);
            b.add(new SecurityGroup(webGroupId(v), "web", vpcId(v), ACCOUNT, mix.securityGroupIngress(rules),
                    mix.securityGroupEgress(rules)));
        } else {
            List<SecurityGroupRule> in = List.of(
                    new SecurityGroupRule(Protocol.TCP, 443, 443, new RulePeer.CidrPeer(Cidr.ANY), "https"),
                    new SecurityGroupRule(Protocol.TCP, 22, 22, new RulePeer.CidrPeer(vpcCidr(v)), "ssh"),
                    new SecurityGroupRule(Protocol.ALL, -1, -1, new RulePeer.GroupPeer(webGroupId(v), null), "self"));
            b.add(new SecurityGroup(webGroupId(v), "web", vpcId(v), ACCOUNT, in, allOut));
        }
    }

    private static NetworkAcl networkAcl(int v, int rules, List<Integer> internet, Random random) {
        List<String> subnets = new ArrayList<>();
        for (int s = 0; s < SUBNETS_PER_VPC; s++) {
            subnets.add(subnetId(v, s));
        }
        List<NetworkAclEntry> entries;
        if (v < HOT_VPCS) {
            RuleMix mix = new RuleMix(v, internet, random);
            entries = new ArrayList<>(mix.aclEntries(false, rules));
            entries.addAll(mix.aclEntries(true, rules));
        } else {
            entries = List.of(
                    new NetworkAclEntry(100, false, Protocol.ALL, null, -1, -1, Cidr.ANY, true),
                    new NetworkAclEntry(100, true, Protocol.ALL, null, -1, -1, Cidr.ANY, true));
        }
        return new NetworkAcl(awsId("acl", v), vpcId(v), true, subnets, entries);
    }

    private static List<Integer> internetHosts(Random random, int count) {
        AwsIpRanges aws = AwsIpRanges.bundled();
        List<Integer> hosts = new ArrayList<>();
        while (hosts.size() < count) {
            int ip = random.nextInt();
            int first = ip >>> 24;
            boolean usable = first >= 1 && first < 224 && first != 127 && first != 10 && first != 100
                    && (ip & 0xff) != 0 && (ip & 0xff) != 255 && !Ipv4.isPrivate(ip)
                    && !Cidr.parse("198.18.0.0/15").contains(ip) && !aws.isAwsAddress(ip);
            if (usable && !hosts.contains(ip)) {
                hosts.add(ip);
            }
        }
        return hosts;
    }
}
