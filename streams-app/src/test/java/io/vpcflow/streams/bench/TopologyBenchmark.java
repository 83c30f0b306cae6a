package io.vpcflow.streams.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.ScenarioWeights;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.TopicReadiness;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.FlowLogTopology;
import io.vpcflow.streams.NetworkPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Not a test (no *Test or *IT name, so {@code verify} never runs it): how fast {@link FlowLogTopology} consumes a
 * packet-events topic beside a minimal windowed count over the same topic, in the same JVM, broker and run. The
 * command and the results are in docs/performance.md.
 *
 * <p>The generator fills {@code bench.packet-events} on an embedded broker once (every scenario on the sample
 * network, simulated clock). Then each round runs, one after the other, (a) the flow-log topology (one flow log per
 * VPC, traffic ALL, {@code interval-s}; demo grace and delivery delay, stream time only) and (b)
 * {@code groupByKey} + {@code windowedBy(TimeWindows.ofSizeAndGrace(interval-s, grace))} + {@code count()} +
 * {@code suppress(untilWindowCloses)} to an output topic. Both read with the same Avro value serde, exactly_once_v2,
 * one stream thread, the same commit interval and record cache, a new application id and an empty state directory,
 * from the earliest offset. A run's rate is the event count over the time from the client's RUNNING state to the
 * moment the application's committed offsets reach the topic's end offsets (lag 0, polled every {@code poll-ms}),
 * and, less dependent on the machine's load, events per CPU-second of the client's stream thread.
 * A run that fails or whose committed offsets stand still for a minute is retried (up to three attempts, each with
 * a new application id; the printed result says which attempt it is) after printing the stream threads' stacks.
 * Both get a 60-s transaction timeout and append-time stamps on their internal and output topics
 * ({@link BenchSupport#streamsProperties}).
 *
 * <p>Memory per active flow, for the flow-log topology: when a run has consumed everything, the windows store still
 * holds the last window's flows (published only after grace + delivery delay of stream time), measured by
 * {@link MemoryPerFlow} and divided by that window's distinct (interface, 5-tuple, action) keys from the generator's
 * ledger.
 *
 * <p>Arguments (all optional, {@code key=value}): {@code minutes=10 intensity=20 partitions=2 rounds=2 grace-s=5
 * commit-ms=100 seed=1 poll-ms=200 interval-s=60 scenarios=all} ({@code interval-s=600} is AWS's default maximum
 * aggregation interval; the run then needs well over 10 simulated minutes for windows to close and be published;
 * {@code scenarios} is a {@code --scenarios} mix of the generator, which sets how many events a flow has).
 */
public final class TopologyBenchmark {
    private static final String PREFIX = "bench";
    private static final String MINIMAL_COUNTS = "minimal-counts";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** A run whose committed offsets stand still this long has stalled; it is retried with a new application id. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;

    private final Map<String, String> args;
    private final int intervalSeconds;
    private final int partitions;
    private final VpcflowTopics topics = VpcflowTopics.create(PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
    /** The distinct ledger keys of each aggregation window (the ledger's own windows are 60 s). */
    private final Map<Long, Set<Ledger.FlowKey>> flowsPerWindow = new HashMap<>();
    private String bootstrap;
    private long lastProgressNanos = System.nanoTime();

    private TopologyBenchmark(Map<String, String> args) {
        this.args = args;
        this.partitions = Integer.parseInt(args.get("partitions"));
        this.intervalSeconds = Integer.parseInt(args.get("interval-s"));
    }

    /** One run's outcome: rate and, for the flow-log topology, the memory figures. */
    private record Run(String name, long events, double seconds, double secondsFromStart, double cpuSeconds,
                       String memory, int attempts) {
        double rate() {
            return events / seconds;
        }

        /** Events per CPU-second of the stream thread: what the machine's load does not change much. */
        double cpuRate() {
            return events / cpuSeconds;
        }
    }

    /** A run that stopped making progress or failed; the next attempt starts over with a new application id. */
    private static final class RunFailed extends Exception {
        RunFailed(String message) {
            super(message);
        }
    }

    public static void main(String[] argv) throws Exception {
        new TopologyBenchmark(BenchSupport.args(argv, Map.of("minutes", "10", "intensity", "20", "partitions", "2",
                "rounds", "2", "grace-s", "5", "commit-ms", "100", "seed", "1", "poll-ms", "200", "interval-s", "60", "scenarios", "all")))
                .run();
    }

    private void run() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0))) {
            broker.start();
            bootstrap = broker.bootstrapServers();
            Network sample = BenchSupport.loadSample();
            BenchSupport.createTopic(bootstrap, topics.packetEvents().name(), partitions);
            BenchSupport.createOutputTopic(bootstrap, topics.flowLogs().name(), partitions);
            BenchSupport.createOutputTopic(bootstrap, topics.flowLogLines().name(), partitions);
            try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics)) {
                publisher.start();
                publisher.publish(BenchSupport.subscriptionsOf(sample, intervalSeconds));
            }
            long events = generate(sample);
            List<Run[]> rounds = new ArrayList<>();
            for (int round = 1; round <= Integer.parseInt(args.get("rounds")); round++) {
                // alternate which one runs first, so that neither always gets the colder JVM
                Run flowLog = round % 2 == 0 ? attempts(round, events, this::flowLogRun) : null;
                Run minimal = attempts(round, events, this::minimalRun);
                flowLog = flowLog == null ? attempts(round, events, this::flowLogRun) : flowLog;
                print(round, flowLog, minimal);
                rounds.add(new Run[] {flowLog, minimal});
            }
            Run[] last = rounds.get(rounds.size() - 1);
            System.out.printf(Locale.ROOT, "RESULT %,d events, %d partitions: flow-log %,.0f events/s, minimal"
                    + " windowed count %,.0f events/s, ratio %.2f (last round)%n", events, partitions,
                    last[0].rate(), last[1].rate(), last[0].rate() / last[1].rate());
            System.out.println("RESULT memory per active flow (flow-log topology, last round): " + last[0].memory());
        }
    }

    private interface RunKind {
        Run run(String suffix, long events) throws Exception;
    }

    /** Up to {@value #ATTEMPTS} attempts of one run, each with its own application id. */
    private Run attempts(int round, long events, RunKind kind) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Run r = kind.run(round + "-" + attempt, events);
                return new Run(r.name(), r.events(), r.seconds(), r.secondsFromStart(), r.cpuSeconds(), r.memory(),
                        attempt);
            } catch (RunFailed e) {
                System.out.println("round " + round + " attempt " + attempt + " failed: " + e.getMessage());
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void print(int round, Run flowLog, Run minimal) {
        for (Run r : List.of(flowLog, minimal)) {
            System.out.printf(Locale.ROOT, "round %d %-9s %,d events in %.2f s from RUNNING (%.2f s from start):"
                    + " %,.0f events/s; stream thread %.2f CPU-s: %,.0f events per CPU-s (attempt %d)%n", round,
                    r.name(), r.events(), r.seconds(), r.secondsFromStart(), r.rate(), r.cpuSeconds(), r.cpuRate(),
                    r.attempts());
        }
        System.out.printf(Locale.ROOT, "round %d ratio flow-log / minimal: %.2f (events/s), %.2f (events per"
                + " stream-thread CPU-s)%n", round, flowLog.rate() / minimal.rate(),
                flowLog.cpuRate() / minimal.cpuRate());
    }

    /** Fills packet-events; records the distinct ledger keys per aggregation window. */
    private long generate(Network sample) throws InterruptedException {
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Instant.parse("2026-01-05T10:00:00Z"))
                .withSeed(Long.parseLong(args.get("seed"))).withIntensity(Double.parseDouble(args.get("intensity")))
                .withWeights(ScenarioWeights.parse(args.get("scenarios"), ScenarioCatalogue.names()))
                .simulated(Duration.ofMinutes(Long.parseLong(args.get("minutes"))));
        KafkaSinkConfig sink = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(PREFIX).withPartitions(partitions);
        Ledger.Listener counter = new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                // the ledger's windows are 60 s, its times seconds: a flow of a longer window is the same key in it
                long window = Math.floorDiv(windowStart, intervalSeconds) * intervalSeconds;
                Set<Ledger.FlowKey> keys = flowsPerWindow.computeIfAbsent(window, w -> new HashSet<>());
                flows.keySet().forEach(k -> keys.add(new Ledger.FlowKey(k.interfaceId(), window, k.srcAddr(),
                        k.dstAddr(), k.srcPort(), k.dstPort(), k.protocol(), k.action())));
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
            }
        };
        TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(sample)),
                new KafkaEventSink(sink, null), new Ledger(List.of(counter)));
        try (generator) {
            generator.start();
            generator.await();
        }
        long events = generator.stats().events();
        long flows = flowsPerWindow.values().stream().mapToLong(Set::size).sum();
        System.out.printf(Locale.ROOT, "generated %,d events (%d simulated minutes, intensity %s) in %.1f s;"
                + " %,d distinct (interface, 5-tuple, action, window) keys, %,d in the last window%n", events,
                Long.parseLong(args.get("minutes")), args.get("intensity"), generator.generationNanos() / 1e9, flows,
                lastWindowFlows());
        return events;
    }

    private long lastWindowFlows() {
        return flowsPerWindow.entrySet().stream().max(Map.Entry.comparingByKey()).map(e -> (long) e.getValue().size())
                .orElse(0L);
    }

    private Run flowLogRun(String suffix, long events) throws Exception {
        FlowLogConfig config = FlowLogConfig.defaults().withAdvanceOnWallClock(false).withPartitions(partitions)
                .withGrace(Duration.ofSeconds(Long.parseLong(args.get("grace-s"))));
        String appId = PREFIX + "-flowlog-" + suffix;
        long heapBefore = MemoryPerFlow.heapUsedAfterGc();
        return measure("flow-log", FlowLogTopology.build(config, topics), appId, events, streams -> {
            long heapAfter = MemoryPerFlow.heapUsedAfterGc();
            return MemoryPerFlow.measure(streams, bootstrap, appId, lastWindowFlows(), heapAfter - heapBefore);
        });
    }

    private Run minimalRun(String suffix, long events) throws Exception {
        String output = PREFIX + ".minimal-counts-" + suffix;
        BenchSupport.createOutputTopic(bootstrap, output, partitions);
        Topology topology = BenchSupport.minimalTopology(topics, output, intervalSeconds,
                Long.parseLong(args.get("grace-s")),
                MINIMAL_COUNTS);
        return measure("minimal", topology, PREFIX + "-minimal-" + suffix, events, streams -> "");
    }

    private interface AtEnd {
        String measure(KafkaStreams streams) throws Exception;
    }

    /** Runs {@code topology} from the earliest offset until its committed offsets reach the end offsets. */
    private Run measure(String name, Topology topology, String appId, long events, AtEnd atEnd) throws Exception {
        Path stateDir = Files.createTempDirectory("topology-bench-");
        KafkaStreams streams = new KafkaStreams(topology, BenchSupport.streamsProperties(bootstrap, appId, stateDir,
                Integer.parseInt(args.get("commit-ms"))));
        AtomicLong runningAt = new AtomicLong();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        try (Admin admin = BenchSupport.admin(bootstrap)) {
            Map<TopicPartition, Long> end = BenchSupport.endOffsets(admin, topics.packetEvents().name(), partitions);
            long start = System.nanoTime();
            streams.start();
            long deadline = start + RUN_TIMEOUT.toNanos();
            long target = BenchSupport.sum(end);
            long committed = -1;
            long progressAt = System.nanoTime();
            while (committed < target) {
                long now = BenchSupport.committed(admin, appId, end);
                progress(appId, streams, now, target);
                progressAt = now > committed ? System.nanoTime() : progressAt;
                committed = now;
                if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline
                        || System.nanoTime() - progressAt > STALL_TIMEOUT.toNanos()) {
                    String stacks = BenchSupport.streamThreadStacks();
                    throw new RunFailed(name + " did not consume the topic: state " + streams.state()
                            + ", committed " + committed + " of " + target + " offsets, no progress for "
                            + (System.nanoTime() - progressAt) / 1_000_000 + " ms; stream threads:\n" + stacks);
                }
                Thread.sleep(Long.parseLong(args.get("poll-ms")));
            }
            long done = System.nanoTime();
            double cpuSeconds = BenchSupport.streamThreadCpuNanos(appId) / 1e9;
            String memory = atEnd.measure(streams);
            return new Run(name, events, (done - runningAt.get()) / 1e9, (done - start) / 1e9, cpuSeconds, memory,
                    1);
        } finally {
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
        }
    }

    private void progress(String appId, KafkaStreams streams, long committed, long target) {
        if (System.nanoTime() - lastProgressNanos > PROGRESS_EVERY.toNanos()) {
            lastProgressNanos = System.nanoTime();
            System.out.printf(Locale.ROOT, "  %s (%s): committed %d of %d%n", appId, streams.state(), committed,
                    target);
        }
    }
}
