package io.vpcflow.streams.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link S3Uploader} puts the file sink's published files; each setting is documented here and nowhere else.
 * Credentials are not settings: they come from the AWS SDK's default chain (environment {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY}, Java system properties, the shared profile files and {@code AWS_PROFILE}, web
 * identity, the container or instance role).
 *
 * @param bucket     the bucket every S3 flow log's files go to (key {@code s3-bucket}; setting it turns the upload
 *                   on). A file's object key is its path below {@code <root>/<destination bucket>/}, that is
 *                   {@code <destination prefix>/AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/<file>}:
 *                   the key AWS would give it in the flow log's own bucket
 * @param endpoint   endpoint of an S3-compatible store (MinIO, Ceph, LocalStack ...), such as
 *                   {@code http://127.0.0.1:9000}, or {@code null} for AWS's own endpoint of the Region (key
 *                   {@code s3-endpoint}, default none)
 * @param region     signing Region, or {@code null} for the SDK's default chain ({@code AWS_REGION}, the profile,
 *                   the instance metadata); {@code us-east-1} when an endpoint is set and no Region is (key
 *                   {@code s3-region}, default none)
 * @param pathStyle  path-style requests ({@code http://host/bucket/key}) instead of virtual-hosted ones
 *                   ({@code http://bucket.host/key}); most S3-compatible stores need it (key {@code s3-path-style},
 *                   default false)
 * @param maxBackoff longest wait between two attempts to upload a file that failed; the wait starts at a tenth of
 *                   this (at most 1 s) and doubles per failure (key {@code s3-max-backoff}, default 1m)
 */
public record S3UploadConfig(String bucket, URI endpoint, String region, boolean pathStyle, Duration maxBackoff) {
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
    /** S3's bucket naming rules (general purpose buckets): 3-63 of a-z 0-9 . -, starting and ending alphanumeric. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

    public S3UploadConfig {
        checkBucket(bucket);
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        if (region != null) {
            checkRegion(region);
        }
        checkBackoff(maxBackoff);
    }

    public static String checkBucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name (3-63 characters:"
                    + " lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)");
        }
        return bucket;
    }

    public static URI checkEndpoint(URI endpoint) {
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an http:// or https:// URL with"
                    + " a host, such as http://127.0.0.1:9000");
        }
        return endpoint;
    }

    public static String checkRegion(String region) {
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'" + region + "' is not a Region name, such as eu-west-1");
        }
        return region;
    }

    public static Duration checkBackoff(Duration maxBackoff) {
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("max backoff must be positive, got " + maxBackoff);
        }
        return maxBackoff;
    }

    /** Upload to {@code bucket} on AWS, Region from the SDK's default chain, default backoff. */
    public static S3UploadConfig of(String bucket) {
        return new S3UploadConfig(bucket, null, null, false, DEFAULT_MAX_BACKOFF);
    }

    /** Parses an endpoint setting, with a message that says what a good one looks like. */
    public static URI parseEndpoint(String text) {
        try {
            return checkEndpoint(new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + "); use e.g. http://127.0.0.1:9000");
        }
    }

    /** The first wait after a failure. */
    Duration initialBackoff() {
        Duration tenth = maxBackoff.dividedBy(10);
        Duration second = Duration.ofSeconds(1);
        return tenth.isZero() ? maxBackoff : tenth.compareTo(second) > 0 ? second : tenth;
    }

    public S3UploadConfig withEndpoint(URI value) {
        return new S3UploadConfig(bucket, value, region, pathStyle, maxBackoff);
    }

    public S3UploadConfig withRegion(String value) {
        return new S3UploadConfig(bucket, endpoint, value, pathStyle, maxBackoff);
    }

    public S3UploadConfig withPathStyle(boolean value) {
        return new S3UploadConfig(bucket, endpoint, region, value, maxBackoff);
    }

    public S3UploadConfig withMaxBackoff(Duration value) {
        return new S3UploadConfig(bucket, endpoint, region, pathStyle, value);
    }
}
