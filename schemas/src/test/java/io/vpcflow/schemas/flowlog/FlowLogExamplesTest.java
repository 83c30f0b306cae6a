package io.vpcflow.schemas.flowlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vpcflow.schemas.avro.FlowLogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every record of AWS's published examples (shared/reference/flow-log-examples.txt) parses and prints back. */
class FlowLogExamplesTest {

    @ParameterizedTest(name = "{0} line {1}")
    @MethodSource("examples")
    void parsesAndFormatsBack(String block, int lineNumber, FlowLogFormat format, String line) {
        ParsedLine parsed = FlowLogText.parse(line, format);

        assertEquals(singleSpaced(line), FlowLogText.format(parsed, format));
    }

    @ParameterizedTest(name = "{0} line {1}")
    @MethodSource("examples")
    void recordRoundTripWhereTheFormatHasEveryRequiredField(String block, int lineNumber, FlowLogFormat format,
                                                            String line) {
        ParsedLine parsed = FlowLogText.parse(line, format);
        if (!hasRecordFields(format)) {
            return;
        }
        FlowLogRecord record = parsed.toRecord("fl-example");

        assertNotNull(record);
        assertEquals(singleSpaced(line), FlowLogText.format(record, format));
    }

    static Stream<Arguments> examples() throws IOException {
        Path file = sharedReference().resolve("flow-log-examples.txt");
        List<String> lines = Files.readAllLines(file);
        List<Arguments> cases = new ArrayList<>();
        String block = null;
        FlowLogFormat format = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                block = line.substring(3).trim();
                format = null;
            } else if (line.startsWith("format:")) {
                format = FlowLogFormat.parse(line.substring("format:".length()));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                if (format == null) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": record before any format: line");
                }
                cases.add(Arguments.of(block, i + 1, format, line));
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no records in " + file);
        }
        return cases.stream();
    }

    private static boolean hasRecordFields(FlowLogFormat format) {
        return Stream.of(FlowLogField.ACCOUNT_ID, FlowLogField.INTERFACE_ID, FlowLogField.START, FlowLogField.END,
                FlowLogField.LOG_STATUS, FlowLogField.VERSION).allMatch(format::contains);
    }

    private static String singleSpaced(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    /** shared/reference sits beside the repository; walk up from the working directory to find it. */
    static Path sharedReference() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/reference above " + Path.of("").toAbsolutePath());
    }
}
