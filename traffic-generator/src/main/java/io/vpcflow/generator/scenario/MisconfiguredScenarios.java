package io.vpcflow.generator.scenario;

import io.vpcflow.generator.scenario.Shape.TcpSession;
import java.util.List;
import java.util.SplittableRandom;

/** The sample network's deliberate misconfigurations, as the traffic that runs into them. */
final class MisconfiguredScenarios {
    private MisconfiguredScenarios() {
    }

    static List<Scenario> all() {
        return List.of(transitivePeering(), securityGroupBlocksDb(), naclMissingEphemeral());
    }

    static Scenario transitivePeering() {
        return Scenario.of("transitive-peering", false, 4,
                "App servers try the backup database i-0c3backup1 (10.2.0.0/16) through the shop-analytics peering:"
                        + " peering is not transitive, so the SYN dies at pcx-0a1shopanalytics (NO_ROUTE,"
                        + " PCX_REQUIRES_ADDRESS_IN_VPC_CIDR). Only the app's egress record (ACCEPT) exists, repeated"
                        + " by the client's SYN retries.",
                ctx -> {
                    List<Endpoint> apps = List.of(ctx.instance("i-0a1app1"), ctx.instance("i-0a1app2"));
                    Endpoint backup = ctx.instance("i-0c3backup1");
                    return e -> e.at(0, Conversation.tcp(e.pick(apps), backup, e.ephemeralPort(), 5432,
                            new TcpSession(1, 500, 5_000, false)));
                });
    }

    static Scenario securityGroupBlocksDb() {
        return Scenario.of("sg-blocks-app-db", false, 6,
                "The reporting app server i-0a1reporting connects to the database i-0a1db1 on 5432, but sg-0a1db"
                        + " only allows sg-0a1app: REJECT with ENI_SG_RULES_MISMATCH at the database interface, the"
                        + " reporting interface's egress ACCEPT, and the SYN retries.",
                ctx -> {
                    Endpoint reporting = ctx.instance("i-0a1reporting");
                    Endpoint db = ctx.instance("i-0a1db1");
                    return e -> e.at(0, Conversation.tcp(reporting, db, e.ephemeralPort(), 5432,
                            new TcpSession(2, 1_000, 50_000, false)));
                });
    }

    static Scenario naclMissingEphemeral() {
        return Scenario.of("nacl-missing-ephemeral", false, 6,
                "The legacy server i-0a1legacy calls S3 (through the gateway endpoint) and public-dns over HTTPS"
                        + " (through the NAT gateway). Its subnet's network ACL acl-0a1legacy has no inbound"
                        + " 1024-65535 rule, so every SYN-ACK is rejected entering the subnet (REJECT,"
                        + " SUBNET_ACL_RESTRICTION at the legacy interface) and both sides retry.",
                ctx -> {
                    Endpoint legacy = ctx.instance("i-0a1legacy");
                    Endpoint s3 = ctx.destination("s3", legacy);
                    Endpoint web = ctx.internetHost("public-dns");
                    return e -> {
                        SplittableRandom r = e.random();
                        e.at(0, Conversation.tcp(legacy, r.nextBoolean() ? s3 : web, e.ephemeralPort(), 443,
                                new TcpSession(1, 2_000, 20_000, false)));
                    };
                });
    }
}
