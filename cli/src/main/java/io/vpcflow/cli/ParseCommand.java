package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogParseException;
import io.vpcflow.schemas.flowlog.FlowLogText;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vpcflow parse}: flow-log text (plain or gzip, as AWS delivers it to S3 or CloudWatch Logs) to JSON lines.
 * A bad line is reported and skipped; the run goes on.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parses VPC flow-log records and prints one JSON object per record (keys: AWS field names,"
                + " numbers as numbers, '-' as null).",
                "Reads the FILEs (gzip detected by its magic bytes) or standard input when there is none ('-' also"
                        + " means standard input). A header line naming the fields, as AWS's S3 files start with,"
                        + " is skipped; when it names other fields than --format, that file is parsed with the"
                        + " header's fields. A line that does not fit the format is reported on standard error with"
                        + " file and line number and skipped. The summary goes to standard error.",
                "Exit code 0 when it ran (even with skipped lines, unless --strict), 1 when a file could not be read"
                        + " to its end, 2 on a bad flag, an unknown field, a missing file or, with --strict, a skipped"
                        + " line."})
final class ParseCommand implements Callable<Integer> {
    private static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "<fields>",
            description = {"the flow log's fields in order, plain (version account-id ...) or as AWS writes them"
                    + " ($${version} $${account-id} ...).",
                    "Default: the version-2 default format (version account-id interface-id srcaddr dstaddr srcport"
                            + " dstport protocol packets bytes start end action log-status)."})
    String formatSpec;

    @Option(names = "--strict", description = "exit code 2 when any line was skipped (for checking files)")
    boolean strict;

        @Parameters(paramLabel = "FILE", arity = "0..*", description = "flow-log text files, plain or gzip")
    List<String> files = List.of();

    private final ObjectMapper json = new ObjectMapper();
    private long read;
    private long parsed;
    private long skipped;
    private long headers;
    private int unreadable;

    @Override
    public Integer call() {
        FlowLogFormat format = format();
        List<String> inputs = files.isEmpty() ? List.of(STDIN) : files;
        inputs.stream().filter(f -> !STDIN.equals(f)).forEach(ParseCommand::requireReadableFile);
        PrintWriter err = spec.commandLine().getErr();
        for (String input : inputs) {
            try (InputStream in = open(input)) {
                parse(input, in, format);
            } catch (IOException | UncheckedIOException e) {
                unreadable++;
                err.println(name(input) + ": cannot read to the end: " + e.getMessage());
            }
        }
        spec.commandLine().getOut().flush();
        err.println("parse: " + inputs.size() + " input(s), " + read + " line(s) read, " + parsed + " parsed, "
                + skipped + " skipped" + (headers > 0 ? ", " + headers + " header line(s)" : "")
                + (unreadable > 0 ? ", " + unreadable + " input(s) unreadable" : ""));
        if (unreadable > 0) {
            return 1;
        }
        return strict && skipped > 0 ? VpcflowCli.BAD_INPUT : 0;
    }

    private FlowLogFormat format() {
        if (formatSpec == null) {
            return FlowLogFormat.DEFAULT;
        }
        try {
            return FlowLogFormat.parse(formatSpec);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format: " + e.getMessage());
        }
    }

    private static void requireReadableFile(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new UserError(file + ": no such readable file; give flow-log text files, or none to read"
                    + " standard input");
        }
    }

    private void parse(String input, InputStream in, FlowLogFormat given) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FlowLogFormat format = given;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            read++;
            Optional<FlowLogFormat> header = FlowLogFormat.fromHeader(line);
            if (header.isPresent()) {
                headers++;
                if (!header.get().equals(format)) {
                    format = header.get();
                    err.println(name(input) + ":" + lineNumber + ": header names other fields than --format;"
                            + " parsing this input with the header's: " + format.header());
                }
                continue;
            }
            try {
                out.println(json.writeValueAsString(FlowLogText.parse(line, format).toJson()));
                parsed++;
            } catch (FlowLogParseException e) {
                skipped++;
                err.println(name(input) + ":" + lineNumber + ": skipped: " + e.getMessage());
            }
        }
    }

    /** The input, unzipped when it starts with gzip's magic bytes 1f 8b. */
    private static InputStream open(String input) throws IOException {
        InputStream raw = STDIN.equals(input) ? nonClosing(System.in) : Files.newInputStream(Path.of(input));
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // standard input belongs to the process, not to this command
            }
        };
    }

    private static String name(String input) {
        return STDIN.equals(input) ? "<stdin>" : input;
    }
}
