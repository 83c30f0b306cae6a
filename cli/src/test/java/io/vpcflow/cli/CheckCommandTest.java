package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @Test
    void sampleNetworkIsValid() {
        CliRun run = CliRun.of("check", CliRun.repo("examples/sample-network.yaml").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("0 error(s)").contains("4 vpcs");
    }

    @Test
    void reportsEveryProblemWithFileLineAndEntityAndExitsTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, String.join("\n",
                "accounts:",
                "  - id: \"111111111111\"",
                "    regions:",
                "      - name: us-east-1",
                "        vpcs:",
                "          - id: vpc-1",
                "            cidr: 10.0.0.0/16",
                "            subnets:",
                "              - {id: subnet-1, cidr: 10.1.0.0/24, az: us-east-1a}",
                "              - {id: subnet-2, cidr: 10.0.0.0/33, az: us-east-1a}",
                ""));
        CliRun run = CliRun.of("check", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("broken.yaml:9").contains("subnet-1").contains("outside");
        assertThat(run.out()).contains("broken.yaml:10").contains("subnet-2");
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void jsonReportIsMachineReadable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "");
        CliRun run = CliRun.of("check", "--json", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("problems").get(0).get("file").asText()).contains("empty.yaml");
    }

    @Test
    void missingPathIsExitTwo() {
        CliRun run = CliRun.of("check", "/no/such/network.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("/no/such/network.yaml");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"check", "explain"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: vpcflow " + command);
        }
    }
}
