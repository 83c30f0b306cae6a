package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final String SAMPLE = CliRun.repo("examples/sample-network.yaml").toString();

    @TempDir
    Path dir;

    @Test
    void listScenariosPrintsTheCatalogueAsJson() throws Exception {
        CliRun run = CliRun.of("generate", "--list-scenarios");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json).hasSize(16);
        assertThat(json.get(0).get("name").asText()).isEqualTo("three-tier-web");
        assertThat(json.get(0).get("description").asText()).isNotBlank();
    }

    @Test
    void stdoutModeWritesEventLinesAndTheLedgerAndSummarisesOnStderr() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        CliRun run = CliRun.of("generate", "--network", SAMPLE, "--scenarios", "sg-blocks-app-db=2,port-scan",
                "--simulated-minutes", "1", "--seed", "4", "--start", "2026-01-05T10:00:00Z", "--stdout",
                "--ledger", ledger.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        String[] lines = run.out().strip().split("\n");
        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(json.readTree(lines[0]).get("scenario").asText()).isIn("sg-blocks-app-db", "port-scan");
        JsonNode summary = json.readTree(run.err().substring(run.err().indexOf("{")));
        assertThat(summary.get("generator_events_total").asLong()).isEqualTo(lines.length);
        assertThat(run.err()).contains("\rgenerate: ");
        assertThat(Files.readAllLines(ledger)).anyMatch(l -> l.contains("\"kind\":\"attack\""));
    }

    @Test
    void badFlagsExitTwoWithOneLine() {
        CliRun unknown = CliRun.of("generate", "--scenarios", "nope=1", "--stdout");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("error: unknown scenario 'nope'").doesNotContain("\n");
        CliRun halfRealTime = CliRun.of("generate", "--rate", "100", "--stdout");
        assertThat(halfRealTime.exitCode()).isEqualTo(2);
        assertThat(halfRealTime.err()).contains("--duration");
        CliRun both = CliRun.of("generate", "--rate", "100", "--duration", "5", "--simulated-minutes", "2");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void aBadOrBusyMetricsPortIsBadInput() throws Exception {
        CliRun badPort = CliRun.of("generate", "--network", SAMPLE, "--stdout", "--metrics-port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err().strip()).isEqualTo("error: --metrics-port must be 0..65535, got 70000");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun busy = CliRun.of("generate", "--network", SAMPLE, "--stdout", "--metrics-port",
                    String.valueOf(taken.getLocalPort()));
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.err()).contains("cannot listen for metrics on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ");
        }
    }
}
