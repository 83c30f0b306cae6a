package io.vpcflow.streams.sink;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 flow-log destination: a bucket and an optional prefix ("folder"). A flow log's destination names one as
 * {@code s3:<bucket>/<prefix>} (vpcflow's network files), {@code s3://<bucket>/<prefix>} or AWS's bucket ARN
 * {@code arn:aws:s3:::<bucket>/<prefix>}. Any other destination (CloudWatch Logs, Firehose, a topic) is not S3.
 */
public record S3Destination(String bucket, String prefix) {
    private static final Pattern S3 = Pattern.compile("^(?:s3:(?://)?|arn:aws[a-z-]*:s3:::)([^/]+)(?:/(.*))?$");
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._=+-]+");

    /**
     * Bucket and prefix come from Kafka data, and each becomes a directory below the sink's root: a segment that
     * is empty, {@code .}, {@code ..} or holds other characters than S3's safe ones would let a record write
     * outside the root, so it is refused.
     */
    public S3Destination {
        requireSafe(bucket, "bucket");
        prefix = prefix == null ? "" : stripSlashes(prefix);
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/")) {
                requireSafe(segment, "prefix");
            }
        }
    }

    /** The S3 destination {@code destination} names, or empty when it names none. */
    public static Optional<S3Destination> parse(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher m = S3.matcher(destination.strip());
        return m.matches() ? Optional.of(new S3Destination(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The local directory standing in for {@code <bucket>/<prefix>/}: {@code <root>/<bucket>/<prefix>}. */
    public Path under(Path root) {
        Path dir = root.resolve(bucket);
        return prefix.isEmpty() ? dir : dir.resolve(prefix);
    }

    static void requireSafe(String segment, String what) {
        if (segment == null || !SAFE_SEGMENT.matcher(segment).matches() || segment.equals(".")
                || segment.equals("..")) {
            throw new IllegalArgumentException(what + " '" + segment + "' is not a safe path segment (letters, digits"
                    + " and . _ = + - only, not . or ..)");
        }
    }

    private static String stripSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return "s3:" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
