package io.vpcflow.bench;

import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed, seeded pool of first packets of new flows among the hot VPCs of a {@link LargeNetwork}: same subnet,
 * across subnets, across peerings, to and from the internet; accepted and rejected (security groups both ways, ACL
 * denies and the final rule, no route, blackholes, unreachable hosts, no public address).
 */
public final class PacketPool {
    /** One pool entry: where the packet starts, the packet, and what kind of flow it is (for reports). */
    public record Flow(String kind, Source source, Packet packet) {
    }

    private final LargeNetwork net;
    private final Random random;

    private PacketPool(LargeNetwork net, Random random) {
        this.net = net;
        this.random = random;
    }

    /** {@code size} flows drawn from the kinds below with fixed weights. */
    public static List<Flow> generate(LargeNetwork net, int size, long seed) {
        PacketPool pool = new PacketPool(net, new Random(seed));
        List<Flow> flows = new ArrayList<>(size);
        while (flows.size() < size) {
            flows.add(pool.next());
        }
        return flows;
    }

    private Flow next() {
        int v = random.nextInt(LargeNetwork.HOT_VPCS);
        int roll = random.nextInt(100);
        if (roll < 10) {
            int s = random.nextInt(LargeNetwork.SUBNETS_PER_VPC);
            int h = random.nextInt(LargeNetwork.HOSTS_PER_SUBNET);
            int other = (h + 1 + random.nextInt(LargeNetwork.HOSTS_PER_SUBNET - 1)) % LargeNetwork.HOSTS_PER_SUBNET;
            int port = random.nextInt(4) == 0 ? 25 : 443;
            return tcp("same-subnet", eni(v, s, h), LargeNetwork.hostAddress(v, s, other), port);
        }
        if (roll < 45) {
            return crossSubnet(v);
        }
        if (roll < 65) {
            return peered(v);
        }
        if (roll < 70) {
            int m = random.nextInt(LargeNetwork.BLACKHOLE_ROUTES);
            return tcp("blackhole", anyEni(v), Ipv4.parse("172." + (16 + m) + ".3.4"), 443);
        }
        if (roll < 85) {
            return toInternet(v);
        }
        return fromInternet(v);
    }

    private Flow crossSubnet(int v) {
        NetworkInterface from = anyEni(v);
        int dst = LargeNetwork.hostAddress(v, random.nextInt(LargeNetwork.SUBNETS_PER_VPC),
                random.nextInt(LargeNetwork.HOSTS_PER_SUBNET));
        int roll = random.nextInt(9);
        switch (roll) {
            case 0: return new Flow("cross-subnet dns", source(from), udp(ip(from), dst, 53));
            case 1: return new Flow("cross-subnet ping", source(from), ping(ip(from), dst));
            case 2: return tcp("cross-subnet ssh", random.nextBoolean() ? from : eni(v, LargeNetwork.ADMIN_SUBNET,
                    random.nextInt(LargeNetwork.HOSTS_PER_SUBNET)), dst, 22);
            case 3: return tcp("cross-subnet postgres", random.nextBoolean() ? from : eni(v,
                    random.nextInt(LargeNetwork.SUBNETS_PER_VPC), 2), dst, 5432);
            case 4: return tcp("cross-subnet rdp", from, dst, 3389);
            case 5: return tcp("cross-subnet smtp", from, dst, 25);
            case 6: return tcp("from quarantined", eni(v, LargeNetwork.QUARANTINED_SUBNET,
                    random.nextInt(LargeNetwork.HOSTS_PER_SUBNET)), dst, 443);
            default: return tcp("cross-subnet https", from, dst, 443);
        }
    }

    private Flow peered(int v) {
        int peer = v == 0 ? 1 : v == LargeNetwork.HOT_VPCS - 1 ? v - 1 : v + (random.nextBoolean() ? 1 : -1);
        NetworkInterface from = anyEni(v);
        int s = random.nextInt(LargeNetwork.SUBNETS_PER_VPC);
        int roll = random.nextInt(10);
        if (roll < 5) {
            return tcp("peered https", from, LargeNetwork.hostAddress(peer, s, random.nextInt(4)), 443);
        }
        if (roll < 7) {
            return tcp("peered postgres", eni(v, s, 2), LargeNetwork.hostAddress(peer, s, random.nextInt(4)), 5432);
        }
        if (roll < 8) {
            return tcp("peered, no host", from, Ipv4.parse("10." + peer + "." + s + ".200"), 443);
        }
        if (roll < 9) {
            return tcp("peered, no subnet", from, Ipv4.parse("10." + peer + ".200.5"), 443);
        }
        int notPeered = (v + 2) % LargeNetwork.HOT_VPCS;
        return tcp("not peered", from, LargeNetwork.hostAddress(notPeered, s, 0), 443);
    }

    private Flow toInternet(int v) {
        List<Integer> hosts = net.internetHosts();
        int dst = hosts.get(random.nextInt(hosts.size()));
        int s = random.nextInt(LargeNetwork.SUBNETS_PER_VPC);
        int h = random.nextInt(LargeNetwork.HOSTS_PER_SUBNET);
        int roll = random.nextInt(6);
        if (roll == 0) {
            return tcp("to internet, port 80", eni(v, s, h), dst, 80);
        }
        if (roll == 1) {
            return new Flow("to internet dns", source(eni(v, s, h)), udp(ip(eni(v, s, h)), dst, 53));
        }
        if (roll == 2) {
            int partner = net.partnerHosts().get(random.nextInt(net.partnerHosts().size()));
            return tcp("to partner", eni(v, random.nextInt(LargeNetwork.PUBLIC_SUBNETS), random.nextInt(2)), partner,
                    8443);
        }
        return tcp("to internet https", eni(v, s, h), dst, 443);
    }

    private Flow fromInternet(int v) {
        int s = random.nextInt(LargeNetwork.PUBLIC_SUBNETS);
        NetworkInterface target = eni(v, s, random.nextInt(2));
        int publicIp = Ipv4.parse(target.publicIp());
        int roll = random.nextInt(6);
        int client;
        int port;
        if (roll < 3) {
            client = net.internetHosts().get(random.nextInt(net.internetHosts().size()));
            port = 443;
        } else if (roll < 4) {
            client = net.internetHosts().get(random.nextInt(net.internetHosts().size()));
            port = 22;
        } else {
            List<Integer> hosts = roll == 4 ? net.partnerHosts() : net.internetHosts().subList(16, 64);
            client = hosts.get(random.nextInt(hosts.size()));
            port = 8443;
        }
        Packet p = Packet.tcp(client, publicIp, ephemeralPort(), port, Packet.SYN);
        return new Flow("from internet " + port, new Source.External(client), p);
    }

    private Flow tcp(String kind, NetworkInterface from, int dst, int port) {
        return new Flow(kind, source(from), Packet.tcp(ip(from), dst, ephemeralPort(), port, Packet.SYN));
    }

    private Packet udp(int src, int dst, int port) {
        return new Packet(src, dst, Protocol.UDP, ephemeralPort(), port, 0, -1, -1);
    }

    private static Packet ping(int src, int dst) {
        return new Packet(src, dst, Protocol.ICMP, 0, 0, 0, 8, 0);
    }

    private int ephemeralPort() {
        return 32768 + random.nextInt(61000 - 32768);
    }

    private NetworkInterface anyEni(int v) {
        return eni(v, random.nextInt(LargeNetwork.SUBNETS_PER_VPC), random.nextInt(LargeNetwork.HOSTS_PER_SUBNET));
    }

    private NetworkInterface eni(int v, int s, int h) {
        return net.networkInterface(v, s, h);
    }

    private static Source source(NetworkInterface eni) {
        return new Source.AtInterface(eni, ip(eni));
    }

    private static int ip(NetworkInterface eni) {
        return Ipv4.parse(eni.primaryPrivateIp());
    }
}
