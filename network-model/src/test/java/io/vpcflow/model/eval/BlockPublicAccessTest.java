package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.model.net.Protocol;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VPC Block Public Access, one named case per mode x exclusion x direction, on yaml/bpa/template.yaml: the first
 * packet's verdict and code, where BPA blocks, and what AWS would log. Traffic that does not cross an internet
 * gateway (peering, gateway endpoint, inside the VPC) is checked under the strictest mode.
 */
class BlockPublicAccessTest {
    private static final Map<String, Evaluator> NETWORKS = new HashMap<>();
    @TempDir
    static Path dir;

    /** out: web instance to the internet; in: internet to the web instance; nat: private instance out via NAT. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                c("off: out", "off", "none", "out", "ACCEPTED"),
                c("off: in", "off", "none", "in", "ACCEPTED"),
                c("off: out through NAT", "off", "none", "nat", "ACCEPTED"),
                c("bidirectional, no exclusion: out", "block-bidirectional", "none", "out", "BPA_BLOCKED"),
                c("bidirectional, no exclusion: in", "block-bidirectional", "none", "in", "BPA_BLOCKED"),
                c("bidirectional, no exclusion: out through NAT", "block-bidirectional", "none", "nat", "BPA_BLOCKED"),
                c("bidirectional, web allow-egress: out", "block-bidirectional", "subnet-0e5web:allow-egress", "out", "ACCEPTED"),
                c("bidirectional, web allow-egress: in", "block-bidirectional", "subnet-0e5web:allow-egress", "in", "BPA_BLOCKED"),
                c("bidirectional, web allow-bidirectional: out", "block-bidirectional", "subnet-0e5web:allow-bidirectional", "out", "ACCEPTED"),
                c("bidirectional, web allow-bidirectional: in", "block-bidirectional", "subnet-0e5web:allow-bidirectional", "in", "ACCEPTED"),
                c("bidirectional, NAT subnet allow-egress: out through NAT", "block-bidirectional", "subnet-0e5nat:allow-egress", "nat", "ACCEPTED"),
                c("bidirectional, only the private subnet excluded: out through NAT", "block-bidirectional", "subnet-0e5app:allow-bidirectional", "nat", "BPA_BLOCKED"),
                c("bidirectional, VPC allow-bidirectional: in", "block-bidirectional", "vpc-0e5main:allow-bidirectional", "in", "ACCEPTED"),
                c("bidirectional, VPC allow-egress: out through NAT", "block-bidirectional", "vpc-0e5main:allow-egress", "nat", "ACCEPTED"),
                c("bidirectional, VPC allow-egress: in", "block-bidirectional", "vpc-0e5main:allow-egress", "in", "BPA_BLOCKED"),
                c("bidirectional, subnet allow-egress + VPC allow-bidirectional: in", "block-bidirectional", "subnet-0e5web:allow-egress,vpc-0e5main:allow-bidirectional", "in", "ACCEPTED"),
                c("ingress, no exclusion: out directly", "block-ingress", "none", "out", "BPA_BLOCKED"),
                c("ingress, no exclusion: in", "block-ingress", "none", "in", "BPA_BLOCKED"),
                c("ingress, no exclusion: out through NAT", "block-ingress", "none", "nat", "ACCEPTED"),
                c("ingress, web allow-egress does not apply: out", "block-ingress", "subnet-0e5web:allow-egress", "out", "BPA_BLOCKED"),
                c("ingress, web allow-egress: in", "block-ingress", "subnet-0e5web:allow-egress", "in", "BPA_BLOCKED"),
                c("ingress, web allow-bidirectional: out", "block-ingress", "subnet-0e5web:allow-bidirectional", "out", "ACCEPTED"),
                c("ingress, web allow-bidirectional: in", "block-ingress", "subnet-0e5web:allow-bidirectional", "in", "ACCEPTED"),
                c("ingress, NAT subnet allow-egress: out through NAT", "block-ingress", "subnet-0e5nat:allow-egress", "nat", "ACCEPTED"));
    }

    private static Arguments c(String name, String mode, String exclusions, String direction, String expected) {
        return Arguments.of(name, mode, exclusions, direction, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void modeExclusionDirection(String name, String mode, String exclusions, String direction, String expected)
            throws Exception {
        Evaluation e = evaluate(mode, exclusions, direction);

        if (expected.equals("ACCEPTED")) {
            assertThat(e.verdict()).as(e.explanation()).isEqualTo(Verdict.ACCEPTED);
            assertThat(e.reply()).as("reply of an allowed connection").isNotNull();
            assertThat(e.reply().verdict()).as(e.reply().explanation()).isEqualTo(Verdict.ACCEPTED);
        } else {
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.code()).isEqualTo(ExplanationCode.BPA_BLOCKED);
            assertThat(e.blockedAt()).isEqualTo("igw-0e5main");
            assertThat(e.explanation()).startsWith("VPC Block Public Access (" + mode + ") blocks traffic through"
                    + " igw-0e5main");
        }
    }

    @Test
    void blockedOutboundIsLoggedAsRejectWithReasonBpaAtTheSender() throws Exception {
        Evaluation e = evaluate("block-bidirectional", "none", "out");

        Observation last = e.observations().get(e.observations().size() - 1);
        assertThat(last.interfaceId()).isEqualTo("eni-0e5web");
        assertThat(last.flowDirection()).isEqualTo(FlowDirection.EGRESS);
        assertThat(last.action()).isEqualTo(Observation.REJECT);
        assertThat(EvaluationJson.rejectReason(last, e)).isEqualTo("BPA");
        assertThat(e.explanation()).isEqualTo("VPC Block Public Access (block-bidirectional) blocks traffic through"
                + " igw-0e5main from eni-0e5web (subnet subnet-0e5web); exclusion: none");
        assertThat(e.hops()).containsExactly("eni-0e5web", "subnet-0e5web", "vpc-0e5main", "igw-0e5main");
    }

    @Test
    void blockedInboundIsLoggedAtTheReceiverAndNamesTheExclusion() throws Exception {
        Evaluation e = evaluate("block-bidirectional", "subnet-0e5web:allow-egress", "in");

        assertThat(e.observations()).singleElement().satisfies(o -> {
            assertThat(o.interfaceId()).isEqualTo("eni-0e5web");
            assertThat(o.flowDirection()).isEqualTo(FlowDirection.INGRESS);
            assertThat(o.action()).isEqualTo(Observation.REJECT);
        });
        assertThat(e.rule()).isEqualTo("InternetGatewayBlockMode block-bidirectional blocks inbound traffic from"
                + " igw-0e5main; exclusion: exclusion-subnet-0e5web (subnet-0e5web, allow-egress)");
        assertThat(EvaluationJson.toMap(e).get("observations").toString()).contains("reject-reason=BPA");
    }

    @Test
    void bpaIsReportedBeforeASecurityGroupThatWouldAlsoReject() throws Exception {
        Evaluation blocked = evaluate(network("block-bidirectional", "none"), "customer", "3.82.0.10", 22);
        Evaluation open = evaluate(network("off", "none"), "customer", "3.82.0.10", 22);

        assertThat(blocked.code()).isEqualTo(ExplanationCode.BPA_BLOCKED);
        assertThat(open.code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH);
        assertThat(EvaluationJson.rejectReason(open.observations().get(0), open)).isNull();
    }

    @ParameterizedTest(name = "{0} is not governed by BPA")
    @MethodSource("unaffected")
    void trafficThatDoesNotCrossAnInternetGatewayIsUnaffected(String name, String from, String to, int port)
            throws Exception {
        Evaluator net = network("block-bidirectional", "none");

        Evaluation e = evaluate(net, from, to, port);

        assertThat(e.verdict()).as(e.explanation()).isEqualTo(Verdict.ACCEPTED);
        assertThat(e.reply().verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    static Stream<Arguments> unaffected() {
        return Stream.of(
                Arguments.of("VPC peering", "i-0e5app", "i-0e5peer", 8080),
                Arguments.of("VPC peering, the other way", "i-0e5peer", "i-0e5app", 8080),
                Arguments.of("gateway endpoint (S3)", "i-0e5app", "s3", 443),
                Arguments.of("interface endpoint (SQS, PrivateLink)", "i-0e5app", "sqs.us-east-1.amazonaws.com", 443),
                Arguments.of("inside the VPC", "i-0e5app", "i-0e5web", 8080));
    }

    private static Evaluation evaluate(String mode, String exclusions, String direction) throws Exception {
        Evaluator net = network(mode, exclusions);
        return switch (direction) {
            case "out" -> evaluate(net, "i-0e5web", "public-dns", 443);
            case "in" -> evaluate(net, "customer", "3.82.0.10", 443);
            case "nat" -> evaluate(net, "i-0e5app", "public-dns", 443);
            default -> throw new IllegalArgumentException(direction);
        };
    }

    private static Evaluation evaluate(Evaluator net, String from, String to, int port) {
        EndpointResolver resolver = new EndpointResolver(net.network());
        Source source = resolver.source(from);
        Packet packet = new Packet(source.ip(), resolver.destination(to, source), Protocol.TCP, 49152, port,
                Packet.SYN, -1, -1);
        return net.evaluate(source, packet);
    }

    /** The template with the mode and the exclusions ({@code resource:mode,...} or none), loaded once per variant. */
    private static synchronized Evaluator network(String mode, String exclusions) throws Exception {
        String key = mode + "|" + exclusions;
        Evaluator cached = NETWORKS.get(key);
        if (cached != null) {
            return cached;
        }
        StringBuilder list = new StringBuilder("[");
        if (!exclusions.equals("none")) {
            for (String exclusion : exclusions.split(",")) {
                String[] parts = exclusion.split(":");
                list.append(list.length() > 1 ? ", " : "").append("{resource: ").append(parts[0]).append(", mode: ")
                        .append(parts[1]).append('}');
            }
        }
        String yaml = Files.readString(resource("yaml/bpa/template.yaml"))
                .replace("mode: MODE", "mode: " + mode).replace("exclusions: EXCLUSIONS", "exclusions: " + list + "]");
        Path file = dir.resolve("bpa-" + NETWORKS.size() + ".yaml");
        Files.writeString(file, yaml);
        LoadedNetwork loaded = NetworkLoader.load(file);
        assertThat(loaded.problems()).as("template loads").isEmpty();
        Evaluator evaluator = new Evaluator(CompiledNetwork.of(loaded.network()));
        NETWORKS.put(key, evaluator);
        return evaluator;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BlockPublicAccessTest.class.getClassLoader().getResource(name).toURI());
    }
}
