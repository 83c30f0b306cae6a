package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.testfixtures.KafkaFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vpcflow ingest} end to end on a real broker: an S3-layout tree in, a JSON summary out. */
class IngestCommandIT {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String ACCEPT =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    @Test
    void ingestsATreeAndPrintsTheSummaryAsJson(@TempDir Path dir) throws Exception {
        Path day = Files.createDirectories(dir.resolve("AWSLogs/123456789010/vpcflowlogs/us-east-1/2014/12/14"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(
                day.resolve("123456789010_vpcflowlogs_us-east-1_fl-1_20141214T0410Z_abcdef01.log.gz")))) {
            out.write(String.join("\n", HEADER, ACCEPT, ACCEPT.replace(" 22 ", " ssh "), ACCEPT, "")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String prefix = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun run = CliRun.of("ingest", "--bootstrap-servers", KafkaFixture.shared().bootstrapServers(),
                "--topic-prefix", prefix, "--partitions", "1", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("files").asLong()).isEqualTo(1);
        assertThat(summary.get("lines").asLong()).isEqualTo(4);
        assertThat(summary.get("records_published").asLong()).isEqualTo(2);
        assertThat(summary.get("skipped").asLong()).isEqualTo(1);
        assertThat(run.err()).contains("_20141214T0410Z_abcdef01.log.gz:3: skipped: dstport 'ssh'")
                .contains("created topic " + prefix + ".flow-logs").contains("retention.ms=-1");
    }
}
