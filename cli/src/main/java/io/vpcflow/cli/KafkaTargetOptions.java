package io.vpcflow.cli;

import picocli.CommandLine.Option;

/**
 * Where a command's Kafka topics are: the cluster, the schema registry and the topic prefix. Shared by
 * {@code generate}, {@code ingest} and {@code demo}, which differ only in what an absent {@code --bootstrap-servers}
 * means ({@link #bootstrapServersOr}).
 */
final class KafkaTargetOptions {
    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "<host:port,...>", description = "Kafka bootstrap servers"
            + " (default: " + DEFAULT_BOOTSTRAP_SERVERS + "; demo: its own embedded broker)")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL", description = "Confluent-compatible schema registry"
            + " (default: none, Avro single-object encoding)")
    String schemaRegistry;

    @Option(names = "--topic-prefix", defaultValue = "vpcflow", paramLabel = "<prefix>", description = "prefix of"
            + " vpcflow's topics: <prefix>.packet-events, <prefix>.flow-logs, <prefix>.ledger ... (default:"
            + " ${DEFAULT-VALUE})")
    String topicPrefix;

    /** The checked {@code --bootstrap-servers}, or {@code fallback} when the flag is absent. */
    String bootstrapServersOr(String fallback) {
        return BootstrapServers.check("--bootstrap-servers", bootstrapServers == null ? fallback : bootstrapServers);
    }

    boolean bootstrapServersGiven() {
        return bootstrapServers != null;
    }
}
