package io.vpcflow.streams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.streams.findings.FindingsConfig;
import io.vpcflow.streams.metrics.MetricsConfig;
import io.vpcflow.streams.query.QueryConfig;
import io.vpcflow.streams.sink.FileSinkSettings;
import io.vpcflow.streams.sink.S3UploadConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of {@link StreamsApp}; every setting is documented here or, for the flow-log settings, in
 * {@link FlowLogConfig}, and nowhere else. {@link StreamsAppConfigLoader} reads them: defaults, then a properties
 * file, then environment variables {@code VPCFLOW_STREAMS_<KEY>}, then {@code --key=value} flags.
 *
 * @param bootstrapServers    Kafka bootstrap servers (key {@code bootstrap-servers}, default {@code localhost:9092})
 * @param applicationId       Kafka Streams application id: consumer group and internal-topic prefix (key
 *                            {@code application-id}, default {@code vpcflow-flow-logs})
 * @param topicPrefix         prefix of vpcflow's topic names (key {@code topic-prefix}, default {@code vpcflow})
 * @param schemaRegistryUrl   Confluent-compatible schema registry, or {@code null} for registry-less Avro
 *                            single-object encoding (key {@code schema-registry-url}, default none)
 * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once} (key {@code processing-guarantee},
 *                            default {@code exactly_once_v2}: a record is published once even across crashes)
 * @param numStreamThreads    stream threads of this instance (key {@code num-stream-threads}, default 1)
 * @param replicationFactor   replication factor of the changelog topics and of every topic the app creates (key
 *                            {@code replication-factor}, default 1; 3 on a production cluster)
 * @param stateDir            directory of the RocksDB state stores, or {@code null} for Kafka Streams' default
 *                            {@code <java.io.tmpdir>/kafka-streams} (key {@code state-dir}, default none)
 * @param network             network file or directory whose flow logs and interfaces are published to the
 *                            compacted topics before the topology starts, or {@code null} to publish nothing (key
 *                            {@code network}, default none)
 * @param flowLog             the topology's settings; key {@code preset} ({@code demo}, the default, or
 *                            {@code aws-like}) picks {@link FlowLogConfig#defaults()} or
 *                            {@link FlowLogConfig#awsLike()} before the other keys apply
 * @param metrics             the Prometheus endpoint: keys {@code metrics-enabled}, {@code metrics-host},
 *                            {@code metrics-port}, documented in {@link MetricsConfig}
 * @param query               the interactive-query API's settings, documented in {@link QueryConfig} (keys
 *                            {@code query-*} and {@code num-standby-replicas})
 * @param security            Kafka client security and registry credentials, applied to every client the app makes
 *                            (Kafka Streams, admin, network publisher): keys {@code kafka.security.protocol},
 *                            {@code kafka.sasl.<setting>} and {@code kafka.ssl.<setting>} (Kafka's own setting name
 *                            after {@code kafka.}; environment {@code VPCFLOW_STREAMS_KAFKA_SASL_JAAS_CONFIG} and so
 *                            on), and {@code schema-registry-user-info} ({@code user:password}); default none.
 *                            Secrets are masked wherever the config is printed or logged
 * @param findings            the anomaly detectors' settings: keys {@code findings.<detector>.<setting>} (environment
 *                            {@code VPCFLOW_STREAMS_FINDINGS_PORT_SCAN_MIN_PORTS} and so on), documented in
 *                            docs/findings.md; default {@link FindingsConfig#defaults()}
 * @param fileSink            the S3-layout file sink the app runs beside its topology (consumer group
 *                            {@code <application-id>-file-sink}), and the bucket it uploads to: keys
 *                            {@code file-sink-dir} ({@link FileSinkSettings}) and {@code s3-*}
 *                            ({@link S3UploadConfig}); default off
 */
public record StreamsAppConfig(String bootstrapServers, String applicationId, String topicPrefix,
                               String schemaRegistryUrl, String processingGuarantee, int numStreamThreads,
                               short replicationFactor, Path stateDir, Path network, FlowLogConfig flowLog,
                               MetricsConfig metrics, QueryConfig query, ClientSecurity security,
                               FindingsConfig findings, FileSinkSettings fileSink) {

    public StreamsAppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrap-servers");
        Objects.requireNonNull(applicationId, "application-id");
        Objects.requireNonNull(topicPrefix, "topic-prefix");
        Objects.requireNonNull(flowLog, "flowLog");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(query, "query");
        security = security == null ? ClientSecurity.NONE : security;
        Objects.requireNonNull(findings, "findings");
        fileSink = fileSink == null ? FileSinkSettings.NONE : fileSink;
        if (!processingGuarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)
                && !processingGuarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new IllegalArgumentException("processing-guarantee must be exactly_once_v2 or at_least_once, not "
                    + processingGuarantee);
        }
        if (numStreamThreads < 1) {
            throw new IllegalArgumentException("num-stream-threads must be at least 1, got " + numStreamThreads);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication-factor must be at least 1, got " + replicationFactor);
        }
    }

    /**
     * Settings without a metrics endpoint ({@link MetricsConfig#defaults()}), without the query API and without
     * client security (a plaintext cluster, a registry without credentials).
     */
    public StreamsAppConfig(String bootstrapServers, String applicationId, String topicPrefix,
                            String schemaRegistryUrl, String processingGuarantee, int numStreamThreads,
                            short replicationFactor, Path stateDir, Path network, FlowLogConfig flowLog) {
        this(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl, processingGuarantee, numStreamThreads,
                replicationFactor, stateDir, network, flowLog, MetricsConfig.defaults(),
                QueryConfig.defaults().withEnabled(false), ClientSecurity.NONE);
    }

    /** Settings without the file sink. */
    public StreamsAppConfig(String bootstrapServers, String applicationId, String topicPrefix,
                            String schemaRegistryUrl, String processingGuarantee, int numStreamThreads,
                            short replicationFactor, Path stateDir, Path network, FlowLogConfig flowLog,
                            MetricsConfig metrics, QueryConfig query, ClientSecurity security,
                            FindingsConfig findings) {
        this(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl, processingGuarantee, numStreamThreads,
                replicationFactor, stateDir, network, flowLog, metrics, query, security, findings,
                FileSinkSettings.NONE);
    }

    /** Settings with the detectors' defaults ({@link FindingsConfig#defaults()}). */
    public StreamsAppConfig(String bootstrapServers, String applicationId, String topicPrefix,
                            String schemaRegistryUrl, String processingGuarantee, int numStreamThreads,
                            short replicationFactor, Path stateDir, Path network, FlowLogConfig flowLog,
                            MetricsConfig metrics, QueryConfig query, ClientSecurity security) {
        this(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl, processingGuarantee, numStreamThreads,
                replicationFactor, stateDir, network, flowLog, metrics, query, security, FindingsConfig.defaults());
    }

    public static StreamsAppConfig defaults() {
        return new StreamsAppConfig("localhost:9092", "vpcflow-flow-logs", "vpcflow", null,
                StreamsConfig.EXACTLY_ONCE_V2, 1, (short) 1, null, null, FlowLogConfig.defaults(),
                MetricsConfig.defaults(), QueryConfig.defaults(), ClientSecurity.NONE, FindingsConfig.defaults(),
                FileSinkSettings.NONE);
    }

    public SerdeConfig serdeConfig() {
        return schemaRegistryUrl == null ? SerdeConfig.withoutRegistry()
                : security.applyTo(SerdeConfig.withRegistry(schemaRegistryUrl));
    }

    /** The Kafka Streams properties these settings stand for. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        // the global stores' updaters fail like the stream tasks' processors (fatal), as Kafka 5.0 will by default
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (stateDir != null) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        if (query.enabled()) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, query.applicationServer());
            p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, query.standbyReplicas());
        }
        return security.applyTo(p);
    }

    /** Bootstrap servers and client security, for the app's admin and producer clients. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return security.applyTo(p);
    }

    public StreamsAppConfig withFlowLog(FlowLogConfig value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, value, metrics, query,
                security, findings, fileSink);
    }

    public StreamsAppConfig withMetrics(MetricsConfig value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, flowLog, value, query,
                security, findings, fileSink);
    }

    public StreamsAppConfig withQuery(QueryConfig value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, flowLog, metrics, value,
                security, findings, fileSink);
    }

    public StreamsAppConfig withFindings(FindingsConfig value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, flowLog, metrics, query,
                security, value, fileSink);
    }

    public StreamsAppConfig withFileSink(FileSinkSettings value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, flowLog, metrics, query,
                security, findings, value);
    }

    public StreamsAppConfig withSecurity(ClientSecurity value) {
        return new StreamsAppConfig(bootstrapServers, applicationId, topicPrefix, schemaRegistryUrl,
                processingGuarantee, numStreamThreads, replicationFactor, stateDir, network, flowLog, metrics, query,
                value, findings);
    }
}
