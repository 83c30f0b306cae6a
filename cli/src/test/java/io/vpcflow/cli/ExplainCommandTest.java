package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExplainCommandTest {
    private static final String SAMPLE = CliRun.repo("examples/sample-network.yaml").toString();

    @Test
    void jsonHasTheDocumentedKeysAndAReplyForAnAcceptedFlow() throws Exception {
        CliRun run = CliRun.of("explain", "--network", SAMPLE, "--from", "i-0a1app1", "--to", "internet:8.8.8.8",
                "--protocol", "tcp", "--port", "443", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("ACCEPTED");
        assertThat(json.get("code").isNull()).isTrue();
        assertThat(json.get("blockedAt").isNull()).isTrue();
        assertThat(json.has("rule")).isTrue();
        assertThat(json.get("hops").get(0).asText()).isEqualTo("eni-0a1app1");
        JsonNode first = json.get("observations").get(0);
        assertThat(first.get("interface-id").asText()).isEqualTo("eni-0a1app1");
        assertThat(first.get("flow-direction").asText()).isEqualTo("egress");
        assertThat(first.get("action").asText()).isEqualTo("ACCEPT");
        assertThat(first.has("pkt-dst-aws-service")).isTrue();
        assertThat(json.get("reply").get("verdict").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void rejectedFlowNamesTheGroupAndCode() throws Exception {
        CliRun run = CliRun.of("explain", "--network", SAMPLE, "--from", "i-0a1reporting", "--to", "i-0a1db1",
                "--port", "5432", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(json.get("code").asText()).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(json.get("blockedAt").asText()).isEqualTo("sg-0a1db");
        assertThat(json.has("reply")).isFalse();
    }

    @Test
    void blockPublicAccessRejectSaysWhyAndLogsRejectReasonBpa() throws Exception {
        String bpa = CliRun.repo("examples/bpa-network.yaml").toString();
        CliRun text = CliRun.of("explain", "--network", bpa, "--from", "i-0d4web1", "--to", "public-dns", "--port",
                "443");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("verdict: REJECTED (BPA_BLOCKED)")
                .contains("why: VPC Block Public Access (block-bidirectional) blocks traffic through igw-0d4edge from"
                        + " eni-0d4web1 (subnet subnet-0d4public1a); exclusion: none")
                .contains("  eni-0d4web1 egress REJECT 10.4.1.10 8.8.8.8 49152 443 10.4.1.10 8.8.8.8 8 BPA");

        CliRun json = CliRun.of("explain", "--network", bpa, "--from", "customer", "--to", "3.81.0.31", "--port",
                "443", "--json");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("code").asText()).isEqualTo("BPA_BLOCKED");
        assertThat(tree.get("blockedAt").asText()).isEqualTo("igw-0d4edge");
        assertThat(tree.get("rule").asText()).endsWith("exclusion: exclusion-0d4egress (subnet-0d4egress1a,"
                + " allow-egress)");
        assertThat(tree.get("observations").get(0).get("reject-reason").asText()).isEqualTo("BPA");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("unknown instance", new String[] {"--from", "i-nope", "--to", "i-0a1db1", "--port", "5432"}, "i-nope"),
                Arguments.of("bad protocol", new String[] {"--from", "i-0a1app1", "--to", "i-0a1db1", "--protocol", "tcpp", "--port", "1"}, "tcpp"),
                Arguments.of("port out of range", new String[] {"--from", "i-0a1app1", "--to", "i-0a1db1", "--port", "70000"}, "70000"),
                Arguments.of("tcp without port", new String[] {"--from", "i-0a1app1", "--to", "i-0a1db1"}, "--port"),
                Arguments.of("missing --to", new String[] {"--from", "i-0a1app1", "--port", "1"}, "--to"),
                Arguments.of("not a number", new String[] {"--from", "i-0a1app1", "--to", "i-0a1db1", "--port", "http"}, "http"),
                Arguments.of("network with errors", new String[] {"--network", "/no/such.yaml", "--from", "i-1", "--to", "i-2", "--port", "1"}, "/no/such.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneClearLineAndExitTwo(String name, String[] args, String mentioned) {
        java.util.List<String> full = new java.util.ArrayList<>(java.util.List.of("explain"));
        if (!java.util.List.of(args).contains("--network")) {
            full.addAll(java.util.List.of("--network", SAMPLE));
        }
        full.addAll(java.util.List.of(args));
        CliRun run = CliRun.of(full.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(mentioned).doesNotContain("\tat ");
    }
}
