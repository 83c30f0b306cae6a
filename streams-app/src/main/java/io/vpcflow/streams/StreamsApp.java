package io.vpcflow.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.errors.DeadLetterHandler;
import io.vpcflow.streams.findings.FindingsTopology;
import io.vpcflow.streams.metrics.JvmBinders;
import io.vpcflow.streams.metrics.MetricsServer;
import io.vpcflow.streams.query.QueryServer;
import io.vpcflow.streams.query.QueryTopics;
import io.vpcflow.streams.query.QueryTopology;
import io.vpcflow.streams.query.SourcePartitions;
import io.vpcflow.streams.sink.FlowLogFileSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow-log Kafka Streams application: sets up topics, optionally publishes a network's flow logs and interfaces,
 * and runs {@link FlowLogTopology}. Inert until {@link #start()}. Its meters (the topology's, Kafka Streams' and the
 * JVM's) go to one registry, served on {@code /metrics} when {@code metrics-enabled} is set. With the query API
 * enabled it adds {@link QueryTopology}'s stores and serves them through a {@link QueryServer}. The anomaly
 * detectors of {@link FindingsTopology} run with the config's {@code findings.*} settings (their model-only detectors
 * when a network is given). With {@code file-sink-dir} or {@code s3-bucket} set it also runs a
 * {@link FlowLogFileSink} over the flow-log topic (and its upload to the bucket).
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsAppConfig config;
    private final MeterRegistry registry;
    private final FlowLogCounters counters;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private JvmBinders jvmBinders;
    private MetricsServer metricsServer;
    private QueryServer queryServer;
    private FlowLogFileSink fileSink;
    private Network network;

    public StreamsApp(StreamsAppConfig config) {
        this(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * The app with a registry it shares with other components of the process (the demo's generator). The metrics
     * endpoint needs a {@link PrometheusMeterRegistry}; tests that only count pass a simple registry.
     */
    public StreamsApp(StreamsAppConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.counters = new FlowLogCounters(registry);
    }

    public void start() {
        startMetrics();
        VpcflowTopics topics = VpcflowTopics.create(config.topicPrefix(), new AvroSerdes(config.serdeConfig()));
        int partitions;
        SourcePartitions queried = null;
        try (Admin admin = Admin.create(config.clientProperties())) {
            partitions = TopicSetup.ensure(admin, topics, config.flowLog().partitions(), config.replicationFactor());
            if (config.query().enabled()) {
                queried = QueryTopics.ensure(admin, topics, partitions, config.replicationFactor());
            }
        }
        if (config.network() != null) {
            network = publishNetwork(topics);
        }
        FlowLogConfig flowLog = config.flowLog().withPartitions(partitions);
        Topology topology = FlowLogTopology.build(flowLog, topics, counters);
        FindingsTopology.addTo(topology, config.findings(), topics, registry, network);
        if (config.query().enabled()) {
            QueryTopology.addTo(topology, topics);
        }
        Properties props = config.streamsProperties();
        DeadLetterHandler.configure(props, topics.deadLetters().name(), registry);
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                terminated.countDown();
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        if (queried != null) {
            startQueries(queried);
        }
        streams.start();
        if (config.fileSink().enabled()) {
            fileSink = new FlowLogFileSink(config.fileSink().toConfig(config.bootstrapServers(), config.topicPrefix(),
                    config.schemaRegistryUrl(), config.applicationId() + "-file-sink", config.security()),
                    Clock.systemUTC(), registry);
            fileSink.start();
        }
        LOG.info("flow-log streams started: {} partitions, grace {}, delivery delay {}", partitions,
                flowLog.grace(), flowLog.deliveryDelay());
    }

    private void startQueries(SourcePartitions queried) {
        queryServer = new QueryServer(config.query(), streams, queried, network, registry);
        try {
            queryServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.query().host() + ":"
                    + config.query().port() + " for queries: " + e.getMessage(), e);
        }
    }

    /** JVM binders, and the endpoint when enabled: first, so that a busy port fails before any Kafka work. */
    private void startMetrics() {
        jvmBinders = JvmBinders.bindTo(registry);
        if (config.metrics().enabled()) {
            if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
                throw new IllegalStateException("the metrics endpoint needs a PrometheusMeterRegistry, not "
                        + registry.getClass().getSimpleName());
            }
            metricsServer = new MetricsServer(config.metrics(), prometheus);
            metricsServer.start();
        }
    }

    private Network publishNetwork(VpcflowTopics topics) {
        LoadedNetwork loaded = NetworkLoader.load(config.network());
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("network " + config.network() + " has errors; run vpcflow check "
                    + config.network());
        }
        try (NetworkPublisher publisher = new NetworkPublisher(config.bootstrapServers(), 1,
                config.replicationFactor(), topics, config.security())) {
            publisher.start();
            publisher.publish(loaded.network());
        }
        return loaded.network();
    }

    public FlowLogCounters counters() {
        return counters;
    }

    /** The file sink this app runs, or {@code null} without {@code file-sink-dir} and {@code s3-bucket}. */
    public FlowLogFileSink fileSink() {
        return fileSink;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The scrape URL, or {@code null} when the endpoint is off or not started. */
    public String metricsUrl() {
        return metricsServer == null ? null : metricsServer.url();
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Blocks until the streams client stopped (closed, or failed). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public void close() {
        if (queryServer != null) {
            queryServer.close();
        }
        if (fileSink != null) {
            fileSink.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (jvmBinders != null) {
            jvmBinders.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("usage: streams-app [--config <file>] [--<setting>=<value> ...]");
            System.out.println("settings (defaults; documented in StreamsAppConfig, FlowLogConfig, MetricsConfig,"
                    + " QueryConfig, FileSinkSettings, S3UploadConfig; findings.* in docs/findings.md):");
            System.out.println("preset = demo (or aws-like: grace 1m, delivery-delay 5m, advance-on-wall-clock false)");
            System.out.print(StreamsAppConfigLoader.describe(StreamsAppConfig.defaults()));
            return;
        }
        StreamsAppConfig config;
        try {
            config = StreamsAppConfigLoader.load(Arrays.asList(args), System.getenv());
        } catch (StreamsAppConfigLoader.ConfigException e) {
            System.err.println("streams-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamsApp app = new StreamsApp(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "streams-app-shutdown"));
        try {
            app.start();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // the metrics or query port is taken, the network has errors, the S3 client has no Region
            System.err.println("streams-app: " + e.getMessage());
            System.exit(2);
        }
        app.awaitTermination();
        LOG.info("flow-log streams stopped; counters {}", app.counters().snapshot());
    }
}
