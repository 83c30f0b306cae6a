package io.vpcflow.generator.scenario;

import io.vpcflow.generator.scenario.Shape.SynProbe;
import io.vpcflow.generator.scenario.Shape.TcpSession;
import io.vpcflow.generator.scenario.Shape.Udp;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Injected attacks, after GuardDuty's flow-log findings. Each episode is written to the ledger with its actors,
 * targets and the time span of its events.
 */
final class AttackScenarios {
    private AttackScenarios() {
    }

    static List<Scenario> all() {
        return List.of(portScan(), bruteForce(), portSweep(), udpFlood(), exfiltration());
    }

    static Scenario portScan() {
        return Scenario.of("port-scan", true, 0.5,
                "Recon:EC2/Portscan: scanner (203.0.113.66) sends one SYN to each of 300 ports (1-1024 and common"
                        + " high ports, shuffled) of a web server's public IP over about 30 s. Closed ports: REJECT"
                        + " (ENI_SG_RULES_MISMATCH) at the web interface; open 80/443 answer SYN-ACK and the scanner"
                        + " resets.",
                ctx -> {
                    Endpoint scanner = ctx.internetHost("scanner");
                    List<Endpoint> webs = List.of(ctx.publicAddressOf("i-0a1web1"), ctx.publicAddressOf("i-0a1web2"));
                    return e -> {
                        Endpoint target = e.pick(webs);
                        e.attack(List.of(scanner), List.of(target));
                        List<Integer> ports = shuffledPorts(e.random(), 300);
                        int srcPort = e.ephemeralPort();
                        for (int i = 0; i < ports.size(); i++) {
                            e.at(i * 100L, Conversation.tcp(scanner, target, srcPort, ports.get(i), new SynProbe()));
                        }
                    };
                });
    }

    static Scenario bruteForce() {
        return Scenario.of("brute-force", true, 0.5,
                "UnauthorizedAccess:EC2/SSHBruteForce and RDPBruteForce: brute-forcer (203.0.113.77) opens 60 short"
                        + " connections, one every 1-3 s, to the bastion's SSH (22, open to the world) or the RDP"
                        + " host's 3389. All ACCEPT: the group allows them, which is the point.",
                ctx -> {
                    Endpoint attacker = ctx.internetHost("brute-forcer");
                    Endpoint bastion = ctx.publicAddressOf("i-0a1bastion");
                    Endpoint rdp = ctx.publicAddressOf("i-0a1rdp");
                    return e -> {
                        SplittableRandom r = e.random();
                        boolean ssh = r.nextBoolean();
                        Endpoint target = ssh ? bastion : rdp;
                        e.attack(List.of(attacker), List.of(target));
                        long t = 0;
                        for (int i = 0; i < 60; i++) {
                            e.at(t, Conversation.tcp(attacker, target, e.ephemeralPort(), ssh ? 22 : 3389,
                                    new TcpSession(1 + r.nextInt(2), 1_500 + r.nextInt(500), 2_500, false)));
                            t += 1_000 + r.nextInt(2_000);
                        }
                    };
                });
    }

    static Scenario portSweep() {
        return Scenario.of("port-sweep", true, 0.5,
                "Impact:EC2/PortSweep: the compromised web server i-0a1web2 probes port 22 or 445 on 250 addresses of"
                        + " its VPC's subnets over about 60 s. Its own egress records are ACCEPT; hosts whose groups"
                        + " refuse record REJECT; addresses where nothing lives record nothing more.",
                ctx -> {
                    Endpoint actor = ctx.instance("i-0a1web2");
                    NetworkInterface eni = ctx.network().networkInterface(actor.interfaceId()).orElseThrow();
                    List<Subnet> subnets = ctx.network().subnets().stream()
                            .filter(s -> s.vpcId().equals(eni.vpcId())).toList();
                    int vpcBase = ctx.network().vpc(eni.vpcId()).orElseThrow().cidrBlocks().get(0).first();
                    Endpoint vpc = new Endpoint(eni.vpcId(), vpcBase, null, null);
                    return e -> {
                        SplittableRandom r = e.random();
                        int port = r.nextBoolean() ? 22 : 445;
                        e.attack(List.of(actor), List.of(vpc));
                        for (int i = 0; i < 250; i++) {
                            Subnet s = subnets.get(r.nextInt(subnets.size()));
                            int host = s.cidr().first() + 4 + r.nextInt(Math.max(1, (int) (s.cidr().last()
                                    - s.cidr().first()) - 4));
                            Endpoint dst = new Endpoint("sweep", host, null, null);
                            e.at(i * 240L, Conversation.tcp(actor, dst, e.ephemeralPort(), port, new SynProbe()));
                        }
                    };
                });
    }

    static Scenario udpFlood() {
        return Scenario.of("udp-flood", true, 0.3,
                "Backdoor:EC2/DenialOfService.Udp: the compromised web server i-0a1web2 floods customer-3"
                        + " (192.0.2.25) with 5,000 UDP datagrams of 512 bytes per second on port 80 for 30-60 s,"
                        + " straight out of the internet gateway. No replies.",
                ctx -> {
                    Endpoint actor = ctx.instance("i-0a1web2");
                    Endpoint victim = ctx.internetHost("customer-3");
                    return e -> {
                        e.attack(List.of(actor), List.of(victim));
                        e.at(0, Conversation.udp(actor, victim, e.ephemeralPort(), 80,
                                new Udp(30 + e.random().nextInt(31), 5_000, 540, 0)));
                    };
                });
    }

    static Scenario exfiltration() {
        return Scenario.of("exfiltration", true, 0.2,
                "Behavior:EC2/TrafficVolumeUnusual: app server i-0a1app2 uploads 2-5 GB over HTTPS to exfil-sink"
                        + " (203.0.113.250) through the NAT gateway in one connection of 2-5 minutes.",
                ctx -> {
                    Endpoint actor = ctx.instance("i-0a1app2");
                    Endpoint sink = ctx.internetHost("exfil-sink");
                    return e -> {
                        SplittableRandom r = e.random();
                        e.attack(List.of(actor), List.of(sink));
                        e.at(0, Conversation.tcp(actor, sink, e.ephemeralPort(), 443,
                                new TcpSession(120 + r.nextInt(180), 2_000_000_000L + r.nextLong(3_000_000_000L),
                                        50_000, false)));
                    };
                });
    }

    /** {@code count} distinct ports, low ports first in the pool, in random order. */
    static List<Integer> shuffledPorts(SplittableRandom r, int count) {
        List<Integer> pool = new ArrayList<>();
        for (int p = 1; p <= 1024; p++) {
            pool.add(p);
        }
        pool.addAll(List.of(1433, 1521, 2049, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200, 27017));
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Integer tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return pool.subList(0, count);
    }
}
