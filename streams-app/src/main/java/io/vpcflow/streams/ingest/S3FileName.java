package io.vpcflow.streams.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an AWS S3 flow-log file name,
 * {@code <account>_vpcflowlogs_<region>_<flow-log-id>_<yyyymmddThhmmZ>_<hash>.log.gz} (also without
 * {@code .gz}).
 */
public record S3FileName(String accountId, String region, String flowLogId, Instant fileTime) {
    private static final Pattern NAME = Pattern.compile(
            "^([^_]+)_vpcflowlogs_([^_]+)_(fl-[^_]+)_(\\d{8}T\\d{4}Z)_[^_.]+\\.log(?:\\.gz)?$");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The parts of {@code fileName}, or empty when it is not named as AWS names flow-log files. */
    public static Optional<S3FileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new S3FileName(m.group(1), m.group(2), m.group(3),
                    Instant.from(STAMP.parse(m.group(4)))));
        } catch (RuntimeException badTime) {
            return Optional.empty();
        }
    }
}
