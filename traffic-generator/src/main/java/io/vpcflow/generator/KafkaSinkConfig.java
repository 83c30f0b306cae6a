package io.vpcflow.generator;

import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of {@link KafkaEventSink}.
 *
 * @param bootstrapServers  Kafka {@code bootstrap.servers}
 * @param topicPrefix       topic names are {@code <prefix>.packet-events} and {@code <prefix>.ledger}
 * @param partitions        partitions of topics the sink creates when they are missing (existing topics are kept)
 * @param compression       producer {@code compression.type}: none, gzip, snappy, lz4 or zstd
 * @param lingerMs          producer {@code linger.ms}
 * @param batchSize         producer {@code batch.size} in bytes
 * @param schemaRegistryUrl Confluent-compatible schema registry; null for Avro single-object encoding
 * @param ledgerTopic       also write the ledger's JSON lines to {@code <prefix>.ledger}
 * @param producerOverrides any other producer properties, applied last (acks and idempotence cannot be weakened);
 *                          they reach the producers only, so Kafka client security belongs in {@code security}.
 *                          {@link #toString()} masks secret ones (see {@link ClientSecurity#isSecret})
 * @param security          Kafka client security for every client of the sink (producers and the admin client that
 *                          creates topics) and the schema registry's credentials; {@link ClientSecurity#NONE} by default
 */
public record KafkaSinkConfig(String bootstrapServers, String topicPrefix, int partitions, String compression,
                              int lingerMs, int batchSize, String schemaRegistryUrl, boolean ledgerTopic,
                              Map<String, String> producerOverrides, ClientSecurity security) {
    public static final int DEFAULT_PARTITIONS = 6;
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final int DEFAULT_LINGER_MS = 5;
    public static final int DEFAULT_BATCH_SIZE = 256 * 1024;

    public KafkaSinkConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? VpcflowTopics.DEFAULT_PREFIX : topicPrefix;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (!java.util.Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
            throw new IllegalArgumentException("compression must be none, gzip, snappy, lz4 or zstd, not "
                    + compression);
        }
        producerOverrides = Map.copyOf(producerOverrides == null ? Map.of() : producerOverrides);
        security = security == null ? ClientSecurity.NONE : security;
    }

    /** Settings without client security ({@link ClientSecurity#NONE}). */
    public KafkaSinkConfig(String bootstrapServers, String topicPrefix, int partitions, String compression,
                           int lingerMs, int batchSize, String schemaRegistryUrl, boolean ledgerTopic,
                           Map<String, String> producerOverrides) {
        this(bootstrapServers, topicPrefix, partitions, compression, lingerMs, batchSize, schemaRegistryUrl,
                ledgerTopic, producerOverrides, ClientSecurity.NONE);
    }

    /** localhost:9092, prefix vpcflow, 6 partitions, lz4, linger 5 ms, 256 KiB batches, no registry. */
    public static KafkaSinkConfig defaults(String bootstrapServers) {
        return new KafkaSinkConfig(bootstrapServers, VpcflowTopics.DEFAULT_PREFIX, DEFAULT_PARTITIONS,
                DEFAULT_COMPRESSION, DEFAULT_LINGER_MS, DEFAULT_BATCH_SIZE, null, false, Map.of());
    }

    public KafkaSinkConfig withBootstrapServers(String servers) {
        return new KafkaSinkConfig(servers, topicPrefix, partitions, compression, lingerMs, batchSize,
                schemaRegistryUrl, ledgerTopic, producerOverrides, security);
    }

    public KafkaSinkConfig withTopicPrefix(String prefix) {
        return new KafkaSinkConfig(bootstrapServers, prefix, partitions, compression, lingerMs, batchSize,
                schemaRegistryUrl, ledgerTopic, producerOverrides, security);
    }

    public KafkaSinkConfig withPartitions(int n) {
        return new KafkaSinkConfig(bootstrapServers, topicPrefix, n, compression, lingerMs, batchSize,
                schemaRegistryUrl, ledgerTopic, producerOverrides, security);
    }

    public KafkaSinkConfig withSchemaRegistry(String url) {
        return new KafkaSinkConfig(bootstrapServers, topicPrefix, partitions, compression, lingerMs, batchSize, url,
                ledgerTopic, producerOverrides, security);
    }

    public KafkaSinkConfig withLedgerTopic(boolean enabled) {
        return new KafkaSinkConfig(bootstrapServers, topicPrefix, partitions, compression, lingerMs, batchSize,
                schemaRegistryUrl, enabled, producerOverrides, security);
    }

    public KafkaSinkConfig withSecurity(ClientSecurity value) {
        return new KafkaSinkConfig(bootstrapServers, topicPrefix, partitions, compression, lingerMs, batchSize,
                schemaRegistryUrl, ledgerTopic, producerOverrides, value);
    }

    /** The serde settings: the registry (with its credentials) or single-object encoding. */
    public SerdeConfig serdeConfig() {
        return security.applyTo(schemaRegistryUrl == null ? SerdeConfig.withoutRegistry()
                : SerdeConfig.withRegistry(schemaRegistryUrl));
    }

    /** The settings with secret producer overrides (JAAS config, passwords) masked: safe to log. */
    @Override
    public String toString() {
        Map<String, String> overrides = new TreeMap<>();
        producerOverrides.forEach((k, v) -> overrides.put(k, ClientSecurity.isSecret(k) ? ClientSecurity.MASK : v));
        return "KafkaSinkConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", partitions=" + partitions + ", compression=" + compression + ", lingerMs=" + lingerMs
                + ", batchSize=" + batchSize + ", schemaRegistryUrl=" + schemaRegistryUrl + ", ledgerTopic="
                + ledgerTopic + ", producerOverrides=" + overrides + ", security=" + security + "]";
    }
}
