package io.vpcflow.streams;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.findings.FindingsConfig;
import io.vpcflow.streams.findings.FindingsTopology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow-log Kafka Streams application: sets up topics, optionally publishes a network's flow logs and interfaces,
 * and runs {@link FlowLogTopology} with the anomaly detectors of {@link FindingsTopology} (their model-only detectors
 * when a network is given). Inert until {@link #start()}.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsAppConfig config;
    private final FlowLogCounters counters = new FlowLogCounters();
    private final MeterRegistry registry;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private KafkaStreams streams;

    public StreamsApp(StreamsAppConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    public StreamsApp(StreamsAppConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public void start() {
        VpcflowTopics topics = VpcflowTopics.create(config.topicPrefix(), new AvroSerdes(config.serdeConfig()));
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.bootstrapServers()))) {
            partitions = TopicSetup.ensure(admin, topics, config.flowLog().partitions(), config.replicationFactor());
        }
        Network network = config.network() == null ? null : publishNetwork(topics);
        FlowLogConfig flowLog = config.flowLog().withPartitions(partitions);
        Topology topology = FlowLogTopology.build(flowLog, topics, counters);
        FindingsTopology.addTo(topology, FindingsConfig.defaults(), topics, registry, network);
        streams = new KafkaStreams(topology, config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                terminated.countDown();
            }
        });
        streams.start();
        LOG.info("flow-log streams started: {} partitions, grace {}, delivery delay {}", partitions,
                flowLog.grace(), flowLog.deliveryDelay());
    }

    private Network publishNetwork(VpcflowTopics topics) {
        LoadedNetwork loaded = NetworkLoader.load(config.network());
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("network " + config.network() + " has errors; run vpcflow check "
                    + config.network());
        }
        try (NetworkPublisher publisher = new NetworkPublisher(config.bootstrapServers(), 1,
                config.replicationFactor(), topics)) {
            publisher.start();
            publisher.publish(loaded.network());
        }
        return loaded.network();
    }

    public FlowLogCounters counters() {
        return counters;
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
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("usage: streams-app [--config <file>] [--<setting>=<value> ...]");
            System.out.println("settings (defaults shown; see StreamsAppConfig and FlowLogConfig for each):");
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
        app.start();
        app.awaitTermination();
        LOG.info("flow-log streams stopped; counters {}", app.counters().snapshot());
    }
}
