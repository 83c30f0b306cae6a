package io.vpcflow.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import io.vpcflow.streams.metrics.MetricsConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The pieces {@code vpcflow demo} runs (embedded broker, streams app with the demo preset, real-time generator at
 * 200 events/s) with one Prometheus registry served on {@code /metrics}, for the live dashboard check, which runs it
 * in a child JVM. Arguments: metrics port, network file, seconds to run. Stops on SIGTERM and removes its state.
 */
public final class LivePipeline {
    private static final String TOPIC_PREFIX = "vpcflow";

    private LivePipeline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LivePipeline <metrics-port> <network-file> <seconds>");
            System.exit(2);
        }
        int metricsPort = Integer.parseInt(args[0]);
        Path network = Path.of(args[1]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[2]));
        LoadedNetwork loaded = NetworkLoader.load(network);
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("network " + network + " has errors; run vpcflow check " + network);
        }
        Path stateDir = Files.createTempDirectory("vpcflow-live-state");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults());
        CountDownLatch stopped = new CountDownLatch(1);
        broker.start();
        StreamsApp streams = new StreamsApp(new StreamsAppConfig(broker.bootstrapServers(), "vpcflow-live",
                TOPIC_PREFIX, null, StreamsConfig.EXACTLY_ONCE_V2, 1, (short) 1, stateDir, network,
                FlowLogConfig.defaults(), MetricsConfig.on("127.0.0.1", metricsPort)), registry);
        TrafficGenerator generator = new TrafficGenerator(
                GeneratorConfig.defaults().realTime(200, length).withStart(Instant.now()),
                new Evaluator(CompiledNetwork.of(loaded.network())),
                new KafkaEventSink(KafkaSinkConfig.defaults(broker.bootstrapServers()).withTopicPrefix(TOPIC_PREFIX),
                        null, registry),
                new Ledger(List.of()), registry);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.close();
            streams.close();
            broker.close();
            deleteTree(stateDir);
            stopped.countDown();
        }, "live-pipeline-shutdown"));
        streams.start();
        generator.start();
        System.err.println("live pipeline running: metrics at " + streams.metricsUrl() + ", Kafka at "
                + broker.bootstrapServers());
        generator.await();
        System.err.println("generator finished after " + length + "; exiting");
        System.exit(0);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
