package io.vpcflow.generator.scenario;

import io.vpcflow.generator.scenario.Shape.TcpSession;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.VpcBlockPublicAccessOptions;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.ExplanationCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic that VPC Block Public Access rejects, found by evaluation, so it runs on any network whose BPA setting
 * blocks something (examples/bpa-network.yaml) and is skipped on the others: the sample network has BPA off, so its
 * traffic is unchanged. Last in the catalogue, so the other scenarios keep their positions.
 */
final class BlockPublicAccessScenarios {
    /** A documentation address (RFC 5737) as the outside client, and a public resolver as the outside server. */
    static final String CLIENT = "198.51.100.20";
    static final String SERVER = "8.8.8.8";

    private BlockPublicAccessScenarios() {
    }

    static List<Scenario> all() {
        return List.of(blockedInternet());
    }

    static Scenario blockedInternet() {
        return Scenario.of("bpa-blocked-internet", false, 20,
                "Instances with a public IP take HTTPS connections from the internet (" + CLIENT + ") and open"
                        + " them to " + SERVER + ":443. Where the account's VPC Block Public Access mode and"
                        + " exclusions block a direction, its SYNs are rejected at the instance's interface (REJECT,"
                        + " BPA_BLOCKED, reject-reason BPA) and retried. Found by evaluation; skipped when BPA blocks"
                        + " nothing (the sample network has BPA off).",
                ctx -> {
                    if (ctx.network().blockPublicAccess().stream()
                            .allMatch(o -> o.mode() == VpcBlockPublicAccessOptions.Mode.OFF)) {
                        throw MissingEntity.featureUnused("VPC Block Public Access is off in every account and"
                                + " Region of this network");
                    }
                    List<Conversation> blocked = blockedConversations(ctx);
                    if (blocked.isEmpty()) {
                        throw new MissingEntity("VPC Block Public Access blocks no HTTPS connection between an"
                                + " instance with a public IP and the internet (BPA is off, or all is excluded)");
                    }
                    return e -> {
                        Conversation c = e.pick(blocked);
                        e.at(0, Conversation.tcp(c.client(), c.server(), e.ephemeralPort(), 443,
                                new TcpSession(1, 1_000, 10_000, false)));
                    };
                });
    }

    /** One inbound and one outbound HTTPS SYN per instance with a public IP; those BPA rejects. */
    private static List<Conversation> blockedConversations(ScenarioContext ctx) {
        Endpoint client = ctx.internet("internet-client", CLIENT);
        Endpoint server = ctx.internet("internet-server", SERVER);
        List<Conversation> blocked = new ArrayList<>();
        for (NetworkInterface eni : ctx.network().networkInterfaces()) {
            if (eni.instanceId() == null || eni.publicIp() == null) {
                continue;
            }
            Endpoint inside = ctx.instance(eni.instanceId());
            Endpoint publicAddress = ctx.publicAddressOf(eni.instanceId());
            for (Conversation c : List.of(
                    Conversation.tcp(client, publicAddress, 49152, 443, new TcpSession(1, 0, 0, false)),
                    Conversation.tcp(inside, server, 49152, 443, new TcpSession(1, 0, 0, false)))) {
                Evaluation verdict = ctx.evaluateSyn(c.client(), c.server(), 443);
                if (verdict.code() == ExplanationCode.BPA_BLOCKED) {
                    blocked.add(c);
                }
            }
        }
        return blocked;
    }
}
