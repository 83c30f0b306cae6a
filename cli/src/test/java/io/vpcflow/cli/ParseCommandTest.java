package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.model.FlowLogFields;
import io.vpcflow.schemas.flowlog.FlowLogField;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private static final String HEADER =
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
    private static final String ACCEPT =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";
    private static final String NODATA =
            "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA";

    @Test
    void printsOneJsonObjectPerRecordWithAwsNames(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("flows.log"), ACCEPT, NODATA);

        CliRun run = CliRun.of("parse", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> records = jsonLines(run.out());
        assertThat(records).hasSize(2);
        JsonNode first = records.get(0);
        assertThat(first.get("account-id").asText()).isEqualTo("123456789010");
        assertThat(first.get("dstport").isInt()).isTrue();
        assertThat(first.get("dstport").asInt()).isEqualTo(22);
        assertThat(first.get("bytes").asLong()).isEqualTo(4249L);
        assertThat(first.get("action").asText()).isEqualTo("ACCEPT");
        assertThat(records.get(1).get("srcaddr").isNull()).isTrue();
        assertThat(records.get(1).get("log-status").asText()).isEqualTo("NODATA");
        assertThat(run.err()).contains("2 line(s) read, 2 parsed, 0 skipped");
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndSkipped(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("mixed.log"),
                ACCEPT,
                ACCEPT.replace(" 22 ", " ssh "),
                ACCEPT.replace(" OK", ""),
                ACCEPT.replace("ACCEPT", "ALLOW"),
                NODATA);

        CliRun run = CliRun.of("parse", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(jsonLines(run.out())).hasSize(2);
        assertThat(run.err()).contains("mixed.log:2: skipped: dstport 'ssh'")
                .contains("mixed.log:3: skipped: line has 13 fields but the format has 14")
                .contains("mixed.log:4: skipped: action 'ALLOW'")
                .contains("5 line(s) read, 2 parsed, 3 skipped");
    }

    @Test
    void gzipIsDetectedAndTheHeaderLineSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("123456789010_vpcflowlogs_us-east-1_fl-1_20260301T1200Z_abc.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", HEADER, ACCEPT, NODATA, "").getBytes(StandardCharsets.UTF_8));
        }

        CliRun run = CliRun.of("parse", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(jsonLines(run.out())).hasSize(2);
        assertThat(run.err()).contains("3 line(s) read, 2 parsed, 0 skipped, 1 header line(s)")
                .doesNotContain("header names other fields");
    }

    @Test
    void customFormatInAwsSyntax(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("v5.log"),
                "5 10.0.0.71 52.95.128.179 34210 80 6 - S3 8 egress OK",
                "5 52.95.128.179   10.0.0.71 80 34210 6 S3 - - ingress OK");

        CliRun run = CliRun.of("parse", "--format",
                "${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${pkt-src-aws-service}"
                        + " ${pkt-dst-aws-service} ${traffic-path} ${flow-direction} ${log-status}",
                file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> records = jsonLines(run.out());
        assertThat(records.get(0).get("traffic-path").asInt()).isEqualTo(8);
        assertThat(records.get(0).get("pkt-dst-aws-service").asText()).isEqualTo("S3");
        assertThat(records.get(1).get("traffic-path").isNull()).isTrue();
        assertThat(records.get(1).get("flow-direction").asText()).isEqualTo("ingress");
    }

    @Test
    void headerWithOtherFieldsSwitchesThatFilesFormat(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("custom.log"), "interface-id srcaddr dstport", "eni-1 10.0.0.1 443");

        CliRun run = CliRun.of("parse", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(jsonLines(run.out()).get(0).get("dstport").asInt()).isEqualTo(443);
        assertThat(run.err()).contains("custom.log:1: header names other fields");
    }

    @Test
    void readsStandardInputWhenNoFileIsGiven() throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream((ACCEPT + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            CliRun run = CliRun.of("parse");
            assertThat(run.exitCode()).isZero();
            assertThat(jsonLines(run.out())).hasSize(1);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void unknownFieldInFormatIsExitTwo() {
        CliRun run = CliRun.of("parse", "--format", "version src-addr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("'src-addr'").contains("srcaddr");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingFileIsExitTwoBeforeAnyOutput(@TempDir Path dir) throws Exception {
        Path good = write(dir.resolve("good.log"), ACCEPT);

        CliRun run = CliRun.of("parse", good.toString(), dir.resolve("missing.log").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing.log");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badFlagIsExitTwo() {
        assertThat(CliRun.of("parse", "--no-such-flag").exitCode()).isEqualTo(2);
    }

    @Test
    void hasHelp() {
        CliRun run = CliRun.of("parse", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: vpcflow parse").contains("--format").contains("${version}");
    }

    /** network-model checks log formats with its own list of names (it does not depend on schemas). */
    @Test
    void networkModelKnowsExactlyTheFlowLogFields() {
        assertThat(FlowLogFields.NAMES).containsExactlyElementsOf(
                Arrays.stream(FlowLogField.values()).map(FlowLogField::awsName).toList());
        assertThat(FlowLogFields.DEFAULT_FORMAT).isEqualTo(FlowLogFormat.DEFAULT.awsSpec());
    }

    private static Path write(Path file, String... lines) throws Exception {
        return Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static List<JsonNode> jsonLines(String out) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }
}
