package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code vpcflow demo} end to end on its own embedded broker: replayed minutes of every scenario come out as
 * flow-log records, rejects included, and everything stops and cleans up at the end of --duration.
 */
class DemoCommandIT {
    @Test
    void demoProducesFlowLogRecordsAndStopsCleanly() {
        CliRun run = CliRun.of("demo", "--network", CliRun.repo("examples/sample-network.yaml").toString(),
                "--simulated-minutes", "2", "--duration", "30", "--topic-prefix", "demo-it");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String last = lastSummary(run.err());
        Matcher m = Pattern.compile("flow-log records (\\d+) \\(REJECT (\\d+), NODATA (\\d+), SKIPDATA (\\d+)\\)")
                .matcher(last);
        assertThat(m.find()).as(last).isTrue();
        assertThat(Long.parseLong(m.group(1))).as(last).isPositive();
        assertThat(Long.parseLong(m.group(2))).as("rejected records: " + last).isPositive();
        assertThat(Long.parseLong(m.group(4))).as("no event is late in a replay: " + last).isZero();
        assertThat(run.err()).contains("stopped; temporary state removed");
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
