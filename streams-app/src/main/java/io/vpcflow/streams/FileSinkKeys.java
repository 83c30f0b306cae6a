package io.vpcflow.streams;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.vpcflow.streams.sink.FileSinkSettings;
import io.vpcflow.streams.sink.S3UploadConfig;

/**
 * The file sink's keys of {@link StreamsAppConfigLoader}: {@code file-sink-dir} (documented in
 * {@link FileSinkSettings}) and {@code s3-bucket}, {@code s3-endpoint}, {@code s3-region}, {@code s3-path-style},
 * {@code s3-max-backoff} (documented in {@link S3UploadConfig}). The {@code s3-*} keys other than the bucket need
 * the bucket: set alone they would silently do nothing.
 */
final class FileSinkKeys {

    private FileSinkKeys() {
    }

    static FileSinkSettings read(FindingsKeys.Values r) {
        Path dir = r.get("file-sink-dir", StreamsAppConfigLoader::pathOrNone, null);
        String bucket = r.get("s3-bucket", t -> noneOr(t, S3UploadConfig::checkBucket), null);
        URI endpoint = r.get("s3-endpoint", t -> noneOr(t, S3UploadConfig::parseEndpoint), null);
        String region = r.get("s3-region", t -> noneOr(t, S3UploadConfig::checkRegion), null);
        Boolean pathStyle = r.get("s3-path-style", StreamsAppConfigLoader::parseBoolean, null);
        Duration maxBackoff = r.get("s3-max-backoff",
                t -> S3UploadConfig.checkBackoff(StreamsAppConfigLoader.parseDuration(t)), null);
        if (bucket == null) {
            if (endpoint != null || region != null || pathStyle != null || maxBackoff != null) {
                throw new StreamsAppConfigLoader.ConfigException("s3-endpoint, s3-region, s3-path-style and"
                        + " s3-max-backoff apply to the upload, which only s3-bucket turns on; set s3-bucket too");
            }
            return new FileSinkSettings(dir, null);
        }
        return new FileSinkSettings(dir, new S3UploadConfig(bucket, endpoint, region,
                pathStyle != null && pathStyle, maxBackoff == null ? S3UploadConfig.DEFAULT_MAX_BACKOFF : maxBackoff));
    }

    static Map<String, String> describe(FileSinkSettings settings) {
        Map<String, String> v = new LinkedHashMap<>();
        S3UploadConfig s3 = settings.s3();
        v.put("file-sink-dir", settings.dir() == null ? "-" : settings.dir().toString());
        v.put("s3-bucket", s3 == null ? "-" : s3.bucket());
        v.put("s3-endpoint", s3 == null || s3.endpoint() == null ? "-" : s3.endpoint().toString());
        v.put("s3-region", s3 == null || s3.region() == null ? "-" : s3.region());
        v.put("s3-path-style", String.valueOf(s3 != null && s3.pathStyle()));
        v.put("s3-max-backoff", StreamsAppConfigLoader.duration(s3 == null ? S3UploadConfig.DEFAULT_MAX_BACKOFF
                : s3.maxBackoff()));
        return v;
    }

    private static <T> T noneOr(String text, Function<String, T> parse) {
        String value = StreamsAppConfigLoader.noneIfDash(text);
        return value == null ? null : parse.apply(value);
    }
}
