package io.vpcflow.streams.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogText;
import io.vpcflow.schemas.flowlog.ParsedLine;
import io.vpcflow.streams.ingest.FlowLogFileReader;
import io.vpcflow.streams.ingest.FlowLogInputs;
import io.vpcflow.streams.ingest.S3FileName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batching, rolling and commit positions of the sink's files, on a clock the test moves by hand; the files read
 * back through ingest's reader.
 */
class FileBatchesTest {
    private static final TopicPartition P0 = new TopicPartition("flow-logs", 0);
    private static final TopicPartition P1 = new TopicPartition("flow-logs", 1);
    private static final FlowLogFormat FORMAT = FlowLogFormat.DEFAULT;
    private static final String LINE =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    @TempDir
    Path root;

    private final FileSinkCounters counters = new FileSinkCounters();
    private Instant now = Instant.parse("2024-03-01T12:01:30Z");

    private FileBatches.FileKey key(String flowLogId) {
        return new FileBatches.FileKey(root.resolve("bucket/logs"), "123456789010", "eu-west-1", flowLogId);
    }

    @Test
    void oneFilePerFlowLogAndBatchPublishedWhenTheBatchIsOver() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 10);
        batches.write(key("fl-2"), FORMAT, LINE, now, P0, 11);
        batches.write(key("fl-1"), FORMAT, LINE, now.plusSeconds(60), P1, 5);

        assertThat(batches.publishDue(Instant.parse("2024-03-01T12:05:00Z"))).isEmpty();
        assertThat(files()).isEmpty();   // nothing visible before publication, not even the temporary files
        List<Path> published = batches.publishDue(Instant.parse("2024-03-01T12:05:00.001Z"));

        assertThat(published).hasSize(2);
        Path dir = root.resolve("bucket/logs/AWSLogs/123456789010/vpcflowlogs/eu-west-1/2024/03/01");
        assertThat(published).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(dir));
        assertThat(published.get(0).getFileName().toString())
                .matches("123456789010_vpcflowlogs_eu-west-1_fl-1_20240301T1205Z_[0-9a-f]{8}\\.log\\.gz");
        assertThat(lines(published.get(0))).containsExactly(FORMAT.header(), LINE, LINE);
        assertThat(lines(published.get(1))).containsExactly(FORMAT.header(), LINE);
        assertThat(counters.filesWritten()).isEqualTo(2);
        assertThat(counters.recordsWritten()).isEqualTo(3);
        assertThat(counters.bytesWritten()).isEqualTo(Files.size(published.get(0)) + Files.size(published.get(1)));
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aRecordOfTheNextBatchPublishesTheOpenFile() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        batches.write(key("fl-1"), FORMAT, LINE, now.plus(Duration.ofMinutes(5)), P0, 2);

        assertThat(files()).singleElement().satisfies(p -> assertThat(p.toString()).contains("T1205Z"));
        batches.publishAll();
        assertThat(files()).hasSize(2).anySatisfy(p -> assertThat(p.toString()).contains("T1210Z"));
    }

    @Test
    void rollsAtTheSizeCapAndNeverPassesIt() throws IOException {
        long cap = 400;
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, cap, counters);
        for (int i = 0; i < 200; i++) {
            // distinct lines, so gzip cannot squeeze them to nothing
            batches.write(key("fl-1"), FORMAT, LINE.replace("20641", Integer.toString(20000 + i * 7919 % 45000)),
                    now, P0, i);
        }
        batches.publishAll();

        List<Path> files = files();
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(counters.filesRolledAtCap()).isEqualTo(files.size() - 1);
        long lines = 0;
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(cap);
            List<String> content = lines(file);
            assertThat(content.get(0)).isEqualTo(FORMAT.header());
            lines += content.size() - 1;
        }
        assertThat(lines).isEqualTo(200);
        assertThat(files).extracting(p -> p.getFileName().toString()).doesNotHaveDuplicates()
                .allMatch(n -> n.contains("_20240301T1205Z_"));
    }

    @Test
    void aRecordLargerThanTheCapStillGetsAFile() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, 10, counters);
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 2);
        batches.publishAll();
        assertThat(files()).hasSize(2);
    }

    @Test
    void aChangedFormatStartsANewFileWithItsHeader() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        FlowLogFormat custom = FlowLogFormat.parse("interface-id action log-status");
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        batches.write(key("fl-1"), custom, "eni-1 ACCEPT OK", now, P0, 2);
        batches.publishAll();
        assertThat(files()).hasSize(2).anySatisfy(p ->
                assertThat(lines(p)).containsExactly("interface-id action log-status", "eni-1 ACCEPT OK"));
    }

    @Test
    void commitPositionsStopAtTheFirstRecordOfAnUnpublishedFile() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        Map<TopicPartition, Long> positions = Map.of(P0, 21L, P1, 8L);
        assertThat(batches.committable(positions)).isEqualTo(positions);

        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 10);
        batches.write(key("fl-2"), FORMAT, LINE, now, P0, 12);
        batches.write(key("fl-2"), FORMAT, LINE, now.plusSeconds(240), P1, 7);
        assertThat(batches.committable(positions)).isEqualTo(Map.of(P0, 10L, P1, 7L));

        batches.publishAll();
        assertThat(batches.committable(positions)).isEqualTo(positions);
    }

    @Test
    void abandonedFilesLeaveNothingBehind() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        batches.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        batches.abandonAll();
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(batches.openFiles()).isZero();
    }

    @Test
    void theHashIsTheContentsSoTheSameContentGetsTheSameName() throws IOException {
        FileBatches first = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        first.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        Path a = first.publishAll().get(0);
        FileBatches again = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        again.write(key("fl-1"), FORMAT, LINE, now, P0, 1);
        again.write(key("fl-1"), FORMAT, LINE, now, P0, 2);
        Path b = again.publishAll().get(0);
        FileBatches same = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        same.write(key("fl-1"), FORMAT, LINE, now, P0, 1);

        assertThat(a).isNotEqualTo(b);
        assertThat(same.publishAll().get(0)).isEqualTo(a);
    }

    @Test
    void publishedFilesReadBackThroughIngestWithTheirFlowLogId() throws IOException {
        FileBatches batches = new FileBatches(S3Layout.DEFAULT, FileSinkConfig.AWS_MAX_FILE_BYTES, counters);
        batches.write(key("fl-0a1b2c3d"), FORMAT, LINE, now, P0, 1);
        batches.publishAll();
        batches.write(key("fl-0a1b2c3d"), FORMAT, LINE, now.plusSeconds(300), P0, 2);   // left open: a .tmp file

        List<Path> found = FlowLogInputs.discover(List.of(root)).files();

        assertThat(found).singleElement().satisfies(file -> {
            assertThat(S3FileName.parse(file.getFileName().toString())).contains(new S3FileName("123456789010",
                    "eu-west-1", "fl-0a1b2c3d", Instant.parse("2024-03-01T12:05:00Z")));
            List<ParsedLine> parsed = new ArrayList<>();
            try (InputStream in = FlowLogFileReader.open(file)) {
                FlowLogFileReader.Counts counts = FlowLogFileReader.read(in, FlowLogFormat.parse("interface-id"),
                        new FlowLogFileReader.Listener() {
                            @Override
                            public void record(int lineNumber, ParsedLine line) {
                                parsed.add(line);
                            }

                            @Override
                            public void badLine(int lineNumber, String problem) {
                                throw new AssertionError(lineNumber + ": " + problem);
                            }
                        });
                assertThat(counts.headers()).isEqualTo(1);
            }
            assertThat(parsed).singleElement().satisfies(line ->
                    assertThat(FlowLogText.format(line, FORMAT)).isEqualTo(LINE));
        });
        batches.abandonAll();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    static List<String> lines(Path gzip) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
