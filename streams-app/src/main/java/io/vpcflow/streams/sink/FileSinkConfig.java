package io.vpcflow.streams.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.serde.SerdeConfig;

/**
 * Settings of {@link FlowLogFileSink}; each is documented here and nowhere else.
 *
 * @param bootstrapServers  Kafka bootstrap servers (default {@code localhost:9092})
 * @param topicPrefix       prefix of vpcflow's topic names (default {@code vpcflow}): the sink reads
 *                          {@code <prefix>.flow-logs} and {@code <prefix>.subscriptions}
 * @param schemaRegistryUrl Confluent-compatible schema registry, or {@code null} for registry-less Avro
 *                          single-object encoding (default none)
 * @param groupId           consumer group whose committed offsets say which records are safely in files (default
 *                          {@code vpcflow-file-sink})
 * @param root              local directory standing in for S3: a flow log with destination
 *                          {@code s3:<bucket>/<prefix>} writes below {@code <root>/<bucket>/<prefix>/AWSLogs/}
 *                          (default {@code flow-log-files})
 * @param maxFileBytes      size cap of one gzip file on disk; a batch that would pass it continues in a new file
 *                          (default 75 MiB, AWS's 75 MB)
 * @param layout            AWS's default directories, or the Hive-compatible and/or hourly ones (default AWS's)
 * @param pollTimeout       longest wait for records in one poll; also bounds how late a due file is published
 *                          (default 500 ms)
 * @param s3                the bucket each published file is uploaded to ({@link S3UploadConfig}; {@code root} is
 *                          then the outbox of files waiting for their upload), or {@code null} to keep the files
 *                          in {@code root} (default none)
 * @param security          Kafka client security (TLS, SASL) and registry credentials of the sink's consumers and
 *                          serdes (default none: plaintext)
 */
public record FileSinkConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl, String groupId,
                             Path root, long maxFileBytes, S3Layout layout, Duration pollTimeout,
                             S3UploadConfig s3, ClientSecurity security) {
    public static final long AWS_MAX_FILE_BYTES = 75L * 1024 * 1024;

    public FileSinkConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(security, "security");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("max file size must be at least 1 byte, got " + maxFileBytes);
        }
    }

    /** Settings for a cluster without client security. */
    public FileSinkConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl, String groupId,
                          Path root, long maxFileBytes, S3Layout layout, Duration pollTimeout, S3UploadConfig s3) {
        this(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes, layout, pollTimeout, s3,
                ClientSecurity.NONE);
    }

    /** Settings that keep the files in {@code root}, uploading nothing. */
    public FileSinkConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl, String groupId,
                          Path root, long maxFileBytes, S3Layout layout, Duration pollTimeout) {
        this(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes, layout, pollTimeout,
                null);
    }

    public static FileSinkConfig defaults() {
        return new FileSinkConfig("localhost:9092", "vpcflow", null, "vpcflow-file-sink", Path.of("flow-log-files"),
                AWS_MAX_FILE_BYTES, S3Layout.DEFAULT, Duration.ofMillis(500));
    }

    public SerdeConfig serdeConfig() {
        return schemaRegistryUrl == null ? SerdeConfig.withoutRegistry()
                : security.applyTo(SerdeConfig.withRegistry(schemaRegistryUrl));
    }

    public FileSinkConfig withBootstrapServers(String value) {
        return new FileSinkConfig(value, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes, layout,
                pollTimeout, s3, security);
    }

    public FileSinkConfig withTopicPrefix(String value) {
        return new FileSinkConfig(bootstrapServers, value, schemaRegistryUrl, groupId, root, maxFileBytes, layout,
                pollTimeout, s3, security);
    }

    public FileSinkConfig withGroupId(String value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, value, root, maxFileBytes, layout,
                pollTimeout, s3, security);
    }

    public FileSinkConfig withRoot(Path value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, value, maxFileBytes,
                layout, pollTimeout, s3, security);
    }

    public FileSinkConfig withMaxFileBytes(long value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, value, layout,
                pollTimeout, s3, security);
    }

    public FileSinkConfig withLayout(S3Layout value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes,
                value, pollTimeout, s3, security);
    }

    public FileSinkConfig withS3(S3UploadConfig value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes,
                layout, pollTimeout, value, security);
    }

    public FileSinkConfig withSecurity(ClientSecurity value) {
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId, root, maxFileBytes,
                layout, pollTimeout, s3, value);
    }
}
