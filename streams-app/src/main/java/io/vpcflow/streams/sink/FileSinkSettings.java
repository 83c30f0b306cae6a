package io.vpcflow.streams.sink;

import java.nio.file.Path;

import io.vpcflow.schemas.security.ClientSecurity;

/**
 * Whether and where the streams app runs a {@link FlowLogFileSink} beside its topology: the part of the sink's
 * settings that is not already the app's (bootstrap servers, topic prefix, registry).
 *
 * @param dir the sink's root directory (key {@code file-sink-dir}; setting it turns the sink on), or {@code null}.
 *            With a bucket it is the outbox of files waiting for their upload; when only {@code s3-bucket} is set it
 *            is {@code flow-log-files} in the working directory
 * @param s3  the bucket the files are uploaded to, keys {@code s3-*} documented in {@link S3UploadConfig}, or
 *            {@code null} to keep them in {@code dir}
 */
public record FileSinkSettings(Path dir, S3UploadConfig s3) {
    public static final FileSinkSettings NONE = new FileSinkSettings(null, null);

    public boolean enabled() {
        return dir != null || s3 != null;
    }

    /**
     * The sink's settings for an app on {@code bootstrapServers} and {@code topicPrefix}, in group {@code groupId},
     * with the app's client {@code security}.
     */
    public FileSinkConfig toConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl,
                                   String groupId, ClientSecurity security) {
        FileSinkConfig d = FileSinkConfig.defaults();
        return new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistryUrl, groupId,
                dir == null ? d.root() : dir, d.maxFileBytes(), d.layout(), d.pollTimeout(), s3, security);
    }
}
