package io.vpcflow.generator.scenario;

import io.vpcflow.generator.scenario.Shape.TcpSession;
import io.vpcflow.generator.scenario.Shape.Udp;
import java.util.List;
import java.util.SplittableRandom;

/** The healthy workload of the sample network: what every scenario of misbehaviour stands out against. */
final class NormalScenarios {
    private NormalScenarios() {
    }

    static List<Scenario> all() {
        return List.of(threeTier(), internetInbound(), natEgress(), s3Endpoint(), s3ThroughNat(), peering(),
                privateLink());
    }

    static Scenario threeTier() {
        return Scenario.of("three-tier-web", false, 120,
                "Baseline of the shop VPC: a web server (i-0a1web1/2) calls an app server (i-0a1app1/2) on 8080,"
                        + " which looks a name up at the Amazon DNS resolver (never logged) and queries the database"
                        + " i-0a1db1 on 5432. All ACCEPT.",
                ctx -> {
                    List<Endpoint> webs = List.of(ctx.instance("i-0a1web1"), ctx.instance("i-0a1web2"));
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    Endpoint db = ctx.instance("i-0a1db1");
                    Endpoint dns = ctx.amazonDns(apps.get(0));
                    return e -> {
                        SplittableRandom r = e.random();
                        Endpoint app = e.pick(apps);
                        e.at(0, Conversation.tcp(e.pick(webs), app, e.ephemeralPort(), 8080,
                                new TcpSession(r.nextInt(3), 600 + r.nextInt(1500), 2_000 + r.nextInt(20_000), false)));
                        e.at(20, Conversation.udp(app, dns, e.ephemeralPort(), 53, new Udp(0, 1, 70, 150)));
                        e.at(40, Conversation.tcp(app, db, e.ephemeralPort(), 5432,
                                new TcpSession(r.nextInt(2), 300 + r.nextInt(700), 1_000 + r.nextInt(8_000), false)));
                    };
                });
    }

    static Scenario internetInbound() {
        return Scenario.of("internet-inbound", false, 120,
                "Customers (customer-1/2/3) browse the public web tier on 443 (sometimes 80) at the public IPs of"
                        + " i-0a1web1/2; admin-office logs in over SSH (22 is open to it); blocked-bot is denied by"
                        + " the public subnets' network ACL (REJECT, SUBNET_ACL_RESTRICTION).",
                ctx -> {
                    List<Endpoint> customers = List.of(ctx.internetHost("customer-1"), ctx.internetHost("customer-2"),
                            ctx.internetHost("customer-3"));
                    List<Endpoint> webs = List.of(ctx.publicAddressOf("i-0a1web1"), ctx.publicAddressOf("i-0a1web2"));
                    Endpoint admin = ctx.internetHost("admin-office");
                    Endpoint bot = ctx.internetHost("blocked-bot");
                    return e -> {
                        SplittableRandom r = e.random();
                        int roll = r.nextInt(100);
                        if (roll < 4) {
                            e.at(0, Conversation.tcp(admin, webs.get(0), e.ephemeralPort(), 22,
                                    new TcpSession(5 + r.nextInt(20), 5_000 + r.nextInt(20_000), 20_000, false)));
                        } else if (roll < 8) {
                            e.at(0, Conversation.tcp(bot, e.pick(webs), e.ephemeralPort(), 443,
                                    new TcpSession(0, 500, 0, false)));
                        } else {
                            int port = roll < 20 ? 80 : 443;
                            e.at(0, Conversation.tcp(e.pick(customers), e.pick(webs), e.ephemeralPort(), port,
                                    new TcpSession(1 + r.nextInt(4), 1_000 + r.nextInt(3_000),
                                            20_000 + r.nextInt(200_000), false)));
                        }
                    };
                });
    }

    static Scenario natEgress() {
        return Scenario.of("nat-egress", false, 30,
                "App servers reach the internet through nat-0a1shop1a: DNS over UDP 53 to public-dns (8.8.8.8,"
                        + " not Amazon's resolver, so logged), DNS over HTTPS (TCP 443) and ICMP echo to it. Four"
                        + " records on the NAT interface per flow, two on the instance.",
                ctx -> {
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    Endpoint dns = ctx.internetHost("public-dns");
                    ctx.require("nat-0a1shop1a", ctx.network().natGateway("nat-0a1shop1a").isPresent(),
                            "NAT gateway");
                    return e -> {
                        SplittableRandom r = e.random();
                        Endpoint app = e.pick(apps);
                        int roll = r.nextInt(10);
                        if (roll < 6) {
                            e.at(0, Conversation.udp(app, dns, e.ephemeralPort(), 53, new Udp(0, 1, 70, 180)));
                        } else if (roll < 9) {
                            e.at(0, Conversation.tcp(app, dns, e.ephemeralPort(), 443,
                                    new TcpSession(r.nextInt(3), 800, 1_500, false)));
                        } else {
                            e.at(0, Conversation.ping(app, dns, 3));
                        }
                    };
                });
    }

    static Scenario s3Endpoint() {
        return Scenario.of("s3-gateway-endpoint", false, 20,
                "App servers read and write S3 over HTTPS through the gateway endpoint vpce-0a1s3 (traffic-path 7,"
                        + " pkt-dst-aws-service S3); one record per direction on the instance only.",
                ctx -> {
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    ctx.require("vpce-0a1s3", ctx.network().vpcEndpoint("vpce-0a1s3").isPresent(), "VPC endpoint");
                    Endpoint s3 = ctx.destination("s3", apps.get(0));
                    return e -> {
                        SplittableRandom r = e.random();
                        e.at(0, Conversation.tcp(e.pick(apps), s3, e.ephemeralPort(), 443,
                                new TcpSession(2 + r.nextInt(8), 2_000 + r.nextInt(50_000),
                                        100_000 + r.nextInt(5_000_000), false)));
                    };
                });
    }

    static Scenario s3ThroughNat() {
        return Scenario.of("s3-via-nat", false, 10,
                "Instances in a subnet whose route table sends 0.0.0.0/0 to a NAT gateway and has no S3 endpoint"
                        + " route reach S3 through the NAT gateway and internet gateway (costly, bypassing the"
                        + " endpoint). Found by evaluation; skipped when the network has no such subnet.",
                ctx -> {
                    List<Endpoint> clients = ctx.instancesReachingThroughNat("s3");
                    if (clients.isEmpty()) {
                        throw new MissingEntity("no instance reaches S3 through a NAT gateway (needs a subnet routing"
                                + " 0.0.0.0/0 to a NAT gateway without an S3 gateway-endpoint route)");
                    }
                    List<Endpoint> s3 = clients.stream().map(c -> ctx.destination("s3", c)).toList();
                    return e -> {
                        SplittableRandom r = e.random();
                        int i = r.nextInt(clients.size());
                        e.at(0, Conversation.tcp(clients.get(i), s3.get(i), e.ephemeralPort(), 443,
                                new TcpSession(2 + r.nextInt(8), 2_000 + r.nextInt(50_000),
                                        100_000 + r.nextInt(5_000_000), false)));
                    };
                });
    }

    static Scenario peering() {
        return Scenario.of("peering-app-db", false, 30,
                "Cross-account VPC peering pcx-0a1shopanalytics: app servers of account 111111111111 query the"
                        + " analytics database i-0b2analyticsdb1 (account 222222222222) on 5432; its group allows the"
                        + " peer's sg-0a1app. traffic-path 4 on egress.",
                ctx -> {
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    Endpoint db = ctx.instance("i-0b2analyticsdb1");
                    return e -> {
                        SplittableRandom r = e.random();
                        e.at(0, Conversation.tcp(e.pick(apps), db, e.ephemeralPort(), 5432,
                                new TcpSession(r.nextInt(4), 500 + r.nextInt(2_000), 5_000 + r.nextInt(100_000),
                                        false)));
                    };
                });
    }

    static Scenario privateLink() {
        return Scenario.of("privatelink-partner", false, 30,
                "PrivateLink: app servers call the partner API through interface endpoint vpce-0a1partner (443);"
                        + " the provider's load balancer nlb-0b2partnerapi forwards to i-0b2partnerapi1/2 on 8443 with"
                        + " its own address as the source. Records on the consumer, endpoint, NLB and target ENIs.",
                ctx -> {
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    List<Endpoint> endpoints = apps.stream().map(a -> ctx.destination("vpce-0a1partner", a)).toList();
                    return e -> {
                        SplittableRandom r = e.random();
                        int i = r.nextInt(apps.size());
                        e.at(0, Conversation.tcp(apps.get(i), endpoints.get(i), e.ephemeralPort(), 443,
                                new TcpSession(r.nextInt(3), 500 + r.nextInt(3_000), 1_000 + r.nextInt(20_000),
                                        false)));
                    };
                });
    }
}
