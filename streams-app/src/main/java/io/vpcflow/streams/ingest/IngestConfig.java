package io.vpcflow.streams.ingest;

import java.util.Objects;

import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.serde.SerdeConfig;

/**
 * Settings of {@link FlowLogIngest}; each is documented here and nowhere else ({@code vpcflow ingest --help}
 * repeats them as flags).
 *
 * @param bootstrapServers  Kafka bootstrap servers (default {@code localhost:9092})
 * @param topicPrefix       prefix of vpcflow's topic names; records go to {@code <prefix>.flow-logs} (default
 *                          {@code vpcflow})
 * @param schemaRegistryUrl Confluent-compatible schema registry, or {@code null} for registry-less Avro
 *                          single-object encoding (default none)
 * @param format            format of files without a header line, or {@code null} for AWS's default format; a
 *                          header line always wins (default none)
 * @param flowLogId         flow-log id ({@code subscriptionId}) of every record, or {@code null} to take it from
 *                          each file's AWS name (default none; files with neither get {@value #NO_FLOW_LOG_ID})
 * @param fixRetention      whether to set {@code retention.ms=-1} on an existing flow-logs topic that deletes
 *                          records by age (default false: warn only)
 * @param partitions        partitions of the flow-logs topic when ingest creates it (default 6, the streams app's)
 * @param replicationFactor replication factor of the flow-logs topic when ingest creates it (default 1)
 * @param security          Kafka client security of the admin client and the producer, and the registry's
 *                          credentials (default {@link ClientSecurity#NONE})
 */
public record IngestConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl,
                           FlowLogFormat format, String flowLogId, boolean fixRetention, int partitions,
                           short replicationFactor, ClientSecurity security) {
    /** The subscription id of records whose flow log is known neither from the file name nor from the settings. */
    public static final String NO_FLOW_LOG_ID = "-";

    public IngestConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        security = security == null ? ClientSecurity.NONE : security;
    }

    /** Settings without client security. */
    public IngestConfig(String bootstrapServers, String topicPrefix, String schemaRegistryUrl, FlowLogFormat format,
                        String flowLogId, boolean fixRetention, int partitions, short replicationFactor) {
        this(bootstrapServers, topicPrefix, schemaRegistryUrl, format, flowLogId, fixRetention, partitions,
                replicationFactor, ClientSecurity.NONE);
    }

    public static IngestConfig defaults() {
        return new IngestConfig("localhost:9092", "vpcflow", null, null, null, false, 6, (short) 1);
    }

    public SerdeConfig serdeConfig() {
        return security.applyTo(schemaRegistryUrl == null ? SerdeConfig.withoutRegistry()
                : SerdeConfig.withRegistry(schemaRegistryUrl));
    }

    /** The format of a file until its header line, if any, says otherwise. */
    public FlowLogFormat formatOrDefault() {
        return format == null ? FlowLogFormat.DEFAULT : format;
    }
}
