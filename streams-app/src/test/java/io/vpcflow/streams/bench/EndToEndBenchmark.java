package io.vpcflow.streams.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Not a test ({@code verify} never runs it): events per second end to end, traffic generator → Kafka (embedded
 * broker, same JVM) → {@link StreamsApp} (exactly_once_v2, its production settings) → flow-log records, beside the
 * same path with the minimal windowed count ({@link BenchSupport#minimalTopology}) in place of the app, in the same
 * run. The command and the results are in docs/performance.md.
 *
 * <p>Per round and side, on topics of its own prefix: the streams client starts and reaches RUNNING; then the clock
 * starts and the generator (every scenario on the sample network, simulated clock, as fast as it can) publishes to
 * packet-events while the client consumes; the clock stops when the client's committed offsets reach the topic's
 * end offsets after the generator finished. Rate = events / that time, so it is bounded by the slower of generator and
 * streams, which share the machine's cores with the broker. The flow-log side is {@code StreamsApp} as the demo runs
 * it, with the sample network's own flow logs and interfaces published by it, stream time only (the events are from
 * a simulated day in the past). The minimal side gets the same Kafka Streams properties
 * ({@code StreamsAppConfig.streamsProperties()}).
 *
 * <p>Arguments ({@code key=value}): {@code minutes=5 intensity=20 partitions=2 rounds=2 seed=1 poll-ms=200}.
 */
public final class EndToEndBenchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> args;
    private final int partitions;
    private String bootstrap;
    private Network sample;

    private EndToEndBenchmark(Map<String, String> args) {
        this.args = args;
        this.partitions = Integer.parseInt(args.get("partitions"));
    }

    private record Result(String name, long events, double seconds, double generatorSeconds, String output) {
        double rate() {
            return events / seconds;
        }
    }

    public static void main(String[] argv) throws Exception {
        new EndToEndBenchmark(BenchSupport.args(argv, Map.of("minutes", "5", "intensity", "20", "partitions", "2",
                "rounds", "2", "seed", "1", "poll-ms", "200"))).run();
    }

    private void run() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0))) {
            broker.start();
            bootstrap = broker.bootstrapServers();
            sample = BenchSupport.loadSample();
            Result flowLog = null;
            Result minimal = null;
            for (int round = 1; round <= Integer.parseInt(args.get("rounds")); round++) {
                if (round % 2 == 0) {
                    flowLog = flowLogSide(round);
                }
                minimal = minimalSide(round);
                if (round % 2 == 1) {
                    flowLog = flowLogSide(round);
                }
                for (Result r : List.of(flowLog, minimal)) {
                    System.out.printf(Locale.ROOT, "round %d %-9s %,d events end to end in %.2f s: %,.0f events/s"
                            + " (generator done after %.2f s); %s%n", round, r.name(), r.events(), r.seconds(),
                            r.rate(), r.generatorSeconds(), r.output());
                }
                System.out.printf(Locale.ROOT, "round %d ratio flow-log / minimal end to end: %.2f%n", round,
                        flowLog.rate() / minimal.rate());
            }
            System.out.printf(Locale.ROOT, "RESULT end to end: flow-log %,.0f events/s, minimal %,.0f events/s,"
                    + " ratio %.2f (last round)%n", flowLog.rate(), minimal.rate(), flowLog.rate() / minimal.rate());
        }
    }

    private StreamsAppConfig appConfig(String appId, String prefix) throws Exception {
        FlowLogConfig flowLog = FlowLogConfig.defaults().withAdvanceOnWallClock(false).withPartitions(partitions);
        return new StreamsAppConfig(bootstrap, appId, prefix, null, StreamsConfig.EXACTLY_ONCE_V2, 1, (short) 1,
                Files.createTempDirectory("e2e-bench-"), BenchSupport.samplePath(), flowLog);
    }

    private Result flowLogSide(int round) throws Exception {
        String prefix = "e2e-fl-" + round;
        StreamsAppConfig config = appConfig(prefix, prefix);
        BenchSupport.createTopic(bootstrap, prefix + ".packet-events", partitions);
        try (StreamsApp app = new StreamsApp(config)) {
            app.start();
            Result r = drive("flow-log", config, app::state);
            return new Result(r.name(), r.events(), r.seconds(), r.generatorSeconds(), String.format(Locale.ROOT,
                    "published %,d OK, %,d NODATA, %,d SKIPDATA records so far (the last windows wait for stream"
                    + " time)", app.counters().records(LogStatus.OK), app.counters().records(LogStatus.NODATA),
                    app.counters().records(LogStatus.SKIPDATA)));
        }
    }

    private Result minimalSide(int round) throws Exception {
        String prefix = "e2e-min-" + round;
        StreamsAppConfig config = appConfig(prefix, prefix);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        BenchSupport.createTopic(bootstrap, topics.packetEvents().name(), partitions);
        String output = prefix + ".minimal-counts";
        BenchSupport.createTopic(bootstrap, output, partitions);
        Properties props = config.streamsProperties();
        KafkaStreams streams = new KafkaStreams(BenchSupport.minimalTopology(topics, output,
                config.flowLog().grace().toSeconds(), "minimal-counts"), props);
        try {
            streams.start();
            return drive("minimal", config, streams::state);
        } finally {
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
        }
    }

    /** Waits for RUNNING, runs the generator into the prefix's packet-events, waits until the group caught up. */
    private Result drive(String name, StreamsAppConfig config, Supplier<KafkaStreams.State> state) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            check(name, state.get(), deadline);
            Thread.sleep(50);
        }
        GeneratorConfig generatorConfig = GeneratorConfig.defaults()
                .withStart(Instant.parse("2026-01-05T10:00:00Z")).withSeed(Long.parseLong(args.get("seed")))
                .withIntensity(Double.parseDouble(args.get("intensity")))
                .simulated(Duration.ofMinutes(Long.parseLong(args.get("minutes"))));
        KafkaSinkConfig sink = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(config.topicPrefix())
                .withPartitions(partitions);
        TrafficGenerator generator = new TrafficGenerator(generatorConfig, new Evaluator(CompiledNetwork.of(sample)),
                new KafkaEventSink(sink, null), new Ledger(List.of()));
        long start = System.nanoTime();
        try (generator) {
            generator.start();
            generator.await();
        }
        long generated = System.nanoTime();
        String topic = config.topicPrefix() + ".packet-events";
        try (Admin admin = BenchSupport.admin(bootstrap)) {
            Map<TopicPartition, Long> end = BenchSupport.endOffsets(admin, topic, partitions);
            long target = BenchSupport.sum(end);
            long committed = -1;
            long progressAt = System.nanoTime();
            while (committed < target) {
                long now = BenchSupport.committed(admin, config.applicationId(), end);
                progressAt = now > committed ? System.nanoTime() : progressAt;
                committed = now;
                if (System.nanoTime() - progressAt > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(name + " stalled at " + committed + " of " + target
                            + " offsets; stream threads:\n" + BenchSupport.streamThreadStacks());
                }
                check(name, state.get(), deadline);
                Thread.sleep(Long.parseLong(args.get("poll-ms")));
            }
        }
        long done = System.nanoTime();
        return new Result(name, generator.stats().events(), (done - start) / 1e9, (generated - start) / 1e9, "");
    }

    private static void check(String name, KafkaStreams.State state, long deadline) {
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || System.nanoTime() > deadline) {
            throw new IllegalStateException(name + " failed: state " + state);
        }
    }
}
