package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.streams.ingest.FlowLogIngest;
import io.vpcflow.streams.ingest.FlowLogInputs;
import io.vpcflow.streams.ingest.IngestConfig;
import io.vpcflow.streams.ingest.IngestSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vpcflow ingest}: a user's real AWS flow-log files into the pipeline's flow-logs topic. The work is
 * {@link FlowLogIngest}'s; this class reads the flags and reports.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publishes real VPC flow-log records to the pipeline's <prefix>.flow-logs topic, so the stores,"
                + " anomaly detection and dashboards work on your own AWS data.",
                "PATHs are files (plain or gzip) or directories, such as an S3 bucket copied with 'aws s3 sync'"
                        + " (AWSLogs/<account>/vpcflowlogs/<region>/...); directories are walked for *.log.gz, *.log"
                        + " and other text files. Each file's header line names its fields; files without one use"
                        + " --format. The flow-log id comes from AWS's file name"
                        + " (<account>_vpcflowlogs_<region>_<fl-id>_...) unless --flow-log-id is given.",
                "Each record's Kafka timestamp is its 'end', so old files keep their times. A flow-logs topic that"
                        + " ingest creates never deletes by age (retention.ms=-1); an existing one that does gets a"
                        + " warning, or --fix-retention.",
                "Bad lines are reported on standard error with file and line number and skipped; progress shows on"
                        + " one standard-error line; the summary is JSON on standard output.",
                "Exit code 0 when it ran (even with skipped lines), 1 when a file could not be read to its end or"
                        + " the broker failed, 2 on a bad flag or a missing path."})
final class IngestCommand implements Callable<Integer> {
    private static final long PROGRESS_AFTER_NANOS = 1_000_000_000L;
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaTargetOptions kafka;

    @Mixin
    KafkaClientOptions securityOptions;

    @Option(names = "--format", paramLabel = "<fields>",
            description = "fields of files without a header line, plain (version account-id ...) or as AWS writes"
                    + " them ($${version} $${account-id} ...); default: AWS's version-2 default format")
    String formatSpec;

    @Option(names = "--flow-log-id", paramLabel = "<fl-id>",
            description = "flow-log id of every record, instead of the one in each file's AWS name")
    String flowLogId;

    @Option(names = "--fix-retention",
            description = "set retention.ms=-1 on an existing flow-logs topic that deletes records by age")
    boolean fixRetention;

    @Option(names = "--partitions", defaultValue = "6", paramLabel = "<n>",
            description = "partitions of the flow-logs topic if ingest creates it (default: ${DEFAULT-VALUE})")
    int partitions;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "flow-log files or directories of them")
    List<Path> paths;

    private final ObjectMapper json = new ObjectMapper();
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos;
    private int progressWidth;

    @Override
    public Integer call() throws Exception {
        IngestConfig config = config();
        FlowLogInputs.Found found = FlowLogInputs.discover(paths);
        PrintWriter err = spec.commandLine().getErr();
        found.notText().forEach(p -> message(p + ": not a text file; left out"));
        IngestSummary summary;
        try (FlowLogIngest ingest = new FlowLogIngest(config, new Reporter())) {
            ingest.start();
            summary = ingest.ingest(found.files());
        } finally {
            clearProgress();
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.writeValueAsString(summary.toJson()));
        out.flush();
        return summary.unreadableFiles() > 0 ? 1 : 0;
    }

    private IngestConfig config() {
        FlowLogFormat format = null;
        if (formatSpec != null) {
            try {
                format = FlowLogFormat.parse(formatSpec);
            } catch (IllegalArgumentException e) {
                throw new UserError("--format: " + e.getMessage());
            }
        }
        if (flowLogId != null && !flowLogId.matches("[A-Za-z0-9._-]+")) {
            throw new UserError("--flow-log-id '" + flowLogId + "': use a flow-log id such as fl-0a1b2c3d");
        }
        if (partitions < 1) {
            throw new UserError("--partitions " + partitions + ": need at least 1");
        }
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new UserError(path + ": no such file or directory; give flow-log files or directories of them");
            }
        }
        String servers = kafka.bootstrapServersOr(KafkaTargetOptions.DEFAULT_BOOTSTRAP_SERVERS);
        return new IngestConfig(servers, kafka.topicPrefix, kafka.schemaRegistry, format, flowLogId, fixRetention,
                partitions, (short) 1, securityOptions.security(kafka.schemaRegistry));
    }

    /** A message on its own line, above the progress line. */
    private void message(String text) {
        clearProgress();
        spec.commandLine().getErr().println(text);
    }

    private void clearProgress() {
        if (progressWidth > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.print("\r" + " ".repeat(progressWidth) + "\r");
            err.flush();
            progressWidth = 0;
        }
    }

    /** Runs that take longer than a second show their counts on one line, rewritten at most four times a second. */
    private void progress(IngestSummary s) {
        long now = System.nanoTime();
        if (now - startNanos < PROGRESS_AFTER_NANOS || now - lastProgressNanos < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastProgressNanos = now;
        String line = "ingest: " + s.files() + " file(s), " + s.lines() + " line(s), " + s.published()
                + " published, " + s.skipped() + " skipped";
        PrintWriter err = spec.commandLine().getErr();
        err.print("\r" + line + " ".repeat(Math.max(0, progressWidth - line.length())));
        err.flush();
        progressWidth = Math.max(progressWidth, line.length());
    }

    private final class Reporter implements FlowLogIngest.Listener {
        @Override
        public void badLine(Path file, int lineNumber, String problem) {
            message(file + ":" + lineNumber + ": skipped: " + problem);
        }

        @Override
        public void note(String text) {
            message(text);
        }

        @Override
        public void progress(IngestSummary soFar) {
            IngestCommand.this.progress(soFar);
        }
    }
}
