package io.vpcflow.streams.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vpcflow.schemas.flowlog.FlowLogField;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.ParsedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FlowLogFileReaderTest {
    private static final String DEFAULT_HEADER = FlowLogFormat.DEFAULT.header();
    private static final String ACCEPT =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    /** What the reader reported, as text. */
    private static final class Events implements FlowLogFileReader.Listener {
        final List<ParsedLine> records = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void record(int lineNumber, ParsedLine line) {
            records.add(line);
        }

        @Override
        public void badLine(int lineNumber, String problem) {
            events.add(lineNumber + ": " + problem);
        }

        @Override
        public void header(int lineNumber, FlowLogFormat format, boolean changed) {
            events.add(lineNumber + ": header " + (changed ? "changed" : "same"));
        }
    }

    private static FlowLogFileReader.Counts read(String text, FlowLogFormat format, Events events) throws IOException {
        return FlowLogFileReader.read(stream(text), format, events);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDefaultHeaderIsRecognisedAndSkipped() throws IOException {
        Events events = new Events();
        FlowLogFileReader.Counts counts = read(DEFAULT_HEADER + "\n" + ACCEPT + "\n\n", FlowLogFormat.DEFAULT, events);

        assertThat(counts).isEqualTo(new FlowLogFileReader.Counts(2, 1, 0, 1));
        assertThat(events.events).containsExactly("1: header same");
        assertThat(events.records.get(0).get(FlowLogField.DSTPORT)).isEqualTo(22);
    }

    @Test
    void aCustomHeaderSetsTheFormatOfTheLinesAfterIt() throws IOException {
        Events events = new Events();
        read("interface-id dstport action log-status\neni-1 443 ACCEPT OK\n", FlowLogFormat.DEFAULT, events);

        assertThat(events.events).containsExactly("1: header changed");
        assertThat(events.records).singleElement()
                .satisfies(r -> assertThat(r.get(FlowLogField.DSTPORT)).isEqualTo(443));
    }

    @Test
    void withoutAHeaderTheGivenFormatApplies() throws IOException {
        Events events = new Events();
        read("eni-1 443\n", FlowLogFormat.parse("${interface-id} ${dstport}"), events);
        assertThat(events.records).hasSize(1);
        assertThat(events.events).isEmpty();
    }

    @Test
    void badLinesAreReportedWithTheirLineNumberAndTheReadGoesOn() throws IOException {
        Events events = new Events();
        FlowLogFileReader.Counts counts = read(ACCEPT + "\n" + ACCEPT.replace(" 22 ", " ssh ") + "\n\n"
                + ACCEPT.replace(" OK", "") + "\n" + ACCEPT + "\n", FlowLogFormat.DEFAULT, events);

        assertThat(counts.records()).isEqualTo(2);
        assertThat(counts.skipped()).isEqualTo(2);
        assertThat(events.events).containsExactly("2: dstport 'ssh' is not a port (0-65535)",
                "4: line has 13 fields but the format has 14 (" + DEFAULT_HEADER + ")");
    }

    @Test
    void gzipIsToldByItsMagicBytesNotItsName(@TempDir Path dir) throws IOException {
        Path gzip = FlowLogInputsTest.gzip(dir.resolve("plain-looking.log"), DEFAULT_HEADER + "\n" + ACCEPT + "\n");
        Events events = new Events();
        try (InputStream in = FlowLogFileReader.open(gzip)) {
            FlowLogFileReader.read(in, FlowLogFormat.DEFAULT, events);
        }
        assertThat(events.records).hasSize(1);
    }
}
