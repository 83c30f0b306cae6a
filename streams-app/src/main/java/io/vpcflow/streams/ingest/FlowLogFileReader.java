package io.vpcflow.streams.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogParseException;
import io.vpcflow.schemas.flowlog.FlowLogText;
import io.vpcflow.schemas.flowlog.ParsedLine;

/**
 * Reads flow-log text as AWS delivers it: plain or gzip (told by gzip's magic bytes, not the name), one record a
 * line, blank lines ignored. A header line of field names, as AWS's S3 files start with, sets the format for the
 * lines after it; lines that do not fit the format are handed to the listener with their line number and the
 * reading goes on. Shared by everything that reads flow-log files (ingest; {@code vpcflow parse} reads the same
 * way).
 */
public final class FlowLogFileReader {
    private static final int BUFFER = 64 * 1024;

    private FlowLogFileReader() {
    }

    /** What the reader found, line by line. */
    public interface Listener {
        void record(int lineNumber, ParsedLine line);

        /** A line that does not fit the format; {@code problem} names the field and value. */
        void badLine(int lineNumber, String problem);

        /**
         * A header line: the lines after it are read with {@code format}; {@code changed} when it names other fields
         * than the format in use before it.
         */
        default void header(int lineNumber, FlowLogFormat format, boolean changed) {
        }
    }

    /** Counts of one read. {@code lines} excludes blank lines and includes headers. */
    public record Counts(long lines, long records, long skipped, long headers) {
    }

    /** The file's text, unzipped when it is gzip. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return gunzipIfGzip(raw);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** {@code in}, unzipped when it starts with gzip's magic bytes 1f 8b. */
    public static InputStream gunzipIfGzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        return isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    /** Whether the stream starts with gzip's magic bytes; the stream is left where it was. */
    static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** Reads every line of {@code in} with {@code format} until a header says otherwise. */
    public static Counts read(InputStream in, FlowLogFormat format, Listener listener) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
        FlowLogFormat current = format;
        long lines = 0;
        long records = 0;
        long skipped = 0;
        long headers = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            lines++;
            Optional<FlowLogFormat> header = FlowLogFormat.fromHeader(line);
            if (header.isPresent()) {
                headers++;
                boolean changed = !header.get().equals(current);
                current = header.get();
                listener.header(lineNumber, current, changed);
                continue;
            }
            ParsedLine parsed;
            try {
                parsed = FlowLogText.parse(line, current);
            } catch (FlowLogParseException e) {
                skipped++;
                listener.badLine(lineNumber, e.getMessage());
                continue;
            }
            records++;
            listener.record(lineNumber, parsed);
        }
        return new Counts(lines, records, skipped, headers);
    }
}
