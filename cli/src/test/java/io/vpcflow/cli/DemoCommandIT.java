package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vpcflow demo} end to end on its own embedded broker: replayed minutes of every scenario come out as
 * flow-log records, rejects included, and everything stops and cleans up at the end of --duration.
 */
class DemoCommandIT {
    @Test
    void demoProducesFlowLogRecordsAndStopsCleanly(@TempDir Path s3) throws IOException {
        CliRun run = CliRun.of("demo", "--network", CliRun.repo("examples/sample-network.yaml").toString(),
                "--simulated-minutes", "2", "--duration", "30", "--topic-prefix", "demo-it", "--s3-dir", s3.toString(),
                "--metrics-port", "0", "--query-port", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("metrics: +http://127\\.0\\.0\\.1:\\d+/metrics")
                .containsPattern("query API: +http://127\\.0\\.0\\.1:\\d+/v1/");
        String last = lastSummary(run.err());
        Matcher m = Pattern.compile("flow-log records (\\d+) \\(REJECT (\\d+), NODATA (\\d+), SKIPDATA (\\d+)\\)")
                .matcher(last);
        assertThat(m.find()).as(last).isTrue();
        assertThat(last).containsPattern("findings \\d+");
        assertThat(Long.parseLong(m.group(1))).as(last).isPositive();
        assertThat(Long.parseLong(m.group(2))).as("rejected records: " + last).isPositive();
        assertThat(Long.parseLong(m.group(4))).as("no event is late in a replay: " + last).isZero();
        assertThat(run.err()).contains("stopped; temporary state removed");
        try (Stream<Path> files = Files.walk(s3)) {
            assertThat(files.map(Path::toString).filter(f -> f.endsWith(".log.gz")))
                    .as("S3-layout files of the shop VPC's flow log")
                    .anyMatch(f -> f.contains("vpcflow-shop-flow-logs/shop/AWSLogs/111111111111/vpcflowlogs/us-east-1/")
                            && f.contains("111111111111_vpcflowlogs_us-east-1_fl-0a1shopvpc_"));
        }
    }

    @Test
    void unreachableClusterIsBadInputWithExitTwo() {
        CliRun run = CliRun.of("demo", "--network", CliRun.repo("examples/sample-network.yaml").toString(),
                "--bootstrap-servers", "127.0.0.1:1", "--duration", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1").doesNotContain("\tat ");
    }

    private static String lastSummary(String err) {
        String last = "";
        for (String line : err.split("[\r\n]")) {
            if (line.startsWith("events ")) {
                last = line;
            }
        }
        return last;
    }
}
