package io.vpcflow.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline against the generator's ground truth: every scenario of the traffic generator runs on the
 * sample network into a real broker, the streams app (exactly-once, demo preset) turns the events into flow-log
 * records, and the OK records must add up to the ledger exactly, per (interface, 60 s window, action) and per
 * 5-tuple, with no record the ledger lacks.
 *
 * <p>Subscriptions are the test's own, not the sample network's: one flow log per VPC, traffic ALL, 60 s, so every
 * event is aggregated exactly once. The demo preset closes the last windows on the wall clock (wall clock − lag ≥
 * window end + grace + delivery delay), so the simulated minutes are the current ones: the generator's clock starts
 * at the current minute (the next one late in a minute), which leaves the app at least 25 s to read a window's
 * events before the wall clock closes it. Waiting for the wall clock is why the run is two simulated minutes, not
 * more: each further minute adds a minute of wall time.
 */
class PipelineLedgerIT {
    private static final int PARTITIONS = 2;
    private static final Duration SIMULATED = Duration.ofMinutes(2);
    private static final long SEED = 20_261_126L;
    /** Latest second of a minute at which that minute is still simulated (else the next minute is). */
    private static final long LATEST_START_SECOND = 45;
    /** Quiet time after the last expected window, in which a record the ledger lacks would still show up. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @TempDir
    Path stateDir;

    /** One (interface, window, action) or one ledger 5-tuple key: packets and bytes. */
    private record Sums(long packets, long bytes) {
        Sums plus(long p, long b) {
            return new Sums(packets + p, bytes + b);
        }
    }

    private record WindowAction(String interfaceId, long windowStart, String action) {
    }

    @Test
    void flowLogRecordsAddUpToTheLedgerPerInterfaceWindowActionAndFiveTuple() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "ledger-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        Network sample = loadSample();
        Network network = withOneFlowLogPerVpc(sample);
        FlowLogConfig flowLog = FlowLogConfig.defaults().withPartitions(PARTITIONS);
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, flowLog);
        Map<Ledger.FlowKey, Sums> ledger = new HashMap<>();

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             StreamsApp app = new StreamsApp(config)) {
            publisher.start();
            publisher.publish(network);
            app.start();
            awaitRunning(app);

            GeneratorConfig generatorConfig = GeneratorConfig.defaults().withSeed(SEED)
                    .withStart(firstSimulatedMinute(Instant.now())).simulated(SIMULATED);
            long produced = generate(generatorConfig, sample, bootstrap, prefix, ledger);
            Set<WindowAction> expected = byWindowAndAction(ledger).keySet();
            long lastWindowEnd = generatorConfig.start().plus(SIMULATED).toEpochMilli();
            long publishAt = lastWindowEnd + flowLog.publishAfterMs() + flowLog.wallClockLag().toMillis();
            List<FlowLogRecord> records = consumeUntilCovered(bootstrap, topics.flowLogs(), expected,
                    publishAt + 60_000);

            compare(records, ledger, produced);
            assertThat(app.counters().eventsIn()).as("events the app read").isEqualTo(produced);
            assertThat(app.counters().eventsUncaptured()).as("events no subscription captured").isZero();
            assertThat(app.counters().lateEvents()).as("late events").isZero();
        }
    }

    /** Runs the generator into {@code <prefix>.packet-events}; fills {@code ledger}; returns the event count. */
    private static long generate(GeneratorConfig config, Network network, String bootstrap, String prefix,
                                 Map<Ledger.FlowKey, Sums> ledger) throws InterruptedException {
        KafkaSinkConfig sinkConfig = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(prefix)
                .withPartitions(PARTITIONS);
        Ledger.Listener collector = new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                flows.forEach((k, t) -> ledger.merge(k, new Sums(t.packets(), t.bytes()),
                        (a, b) -> a.plus(b.packets(), b.bytes())));
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
            }
        };
        TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(network)),
                new KafkaEventSink(sinkConfig, null), new Ledger(List.of(collector)));
        try (generator) {
            generator.start();
            generator.await();
        }
        assertThat(generator.skipped()).as("scenarios that could not run on the sample network").isEmpty();
        return generator.stats().events();
    }

    private static void compare(List<FlowLogRecord> records, Map<Ledger.FlowKey, Sums> ledger, long produced) {
        Map<Ledger.FlowKey, Sums> okByFlow = new HashMap<>();
        Set<WindowAction> noData = new HashSet<>();
        List<FlowLogRecord> skipData = new ArrayList<>();
        long okRecords = 0;
        for (FlowLogRecord r : records) {
            switch (r.getLogStatus()) {
                case OK -> {
                    okRecords++;
                    okByFlow.merge(flowKey(r), new Sums(r.getPackets(), r.getBytes()),
                            (a, b) -> a.plus(b.packets(), b.bytes()));
                }
                case NODATA -> noData.add(new WindowAction(r.getInterfaceId(), windowStart(r), "-"));
                case SKIPDATA -> skipData.add(r);
                default -> throw new AssertionError("unexpected log status " + r.getLogStatus());
            }
        }
        Map<WindowAction, Sums> expectedWindows = byWindowAndAction(ledger);
        Map<WindowAction, Sums> actualWindows = byWindowAndAction(okByFlow);
        System.out.printf("PipelineLedgerIT: %,d events, %,d ledger 5-tuple keys, %,d OK records (%,d distinct keys),"
                + " %,d (interface, window, action) sums compared, %,d NODATA, %,d SKIPDATA%n", produced,
                ledger.size(), okRecords, okByFlow.size(), expectedWindows.size(), noData.size(), skipData.size());

        assertThat(skipData).as("SKIPDATA records (events the app dropped as late)").isEmpty();
        assertThat(okRecords).as("one OK record per flow and window").isEqualTo(okByFlow.size());
        assertThat(difference(actualWindows.keySet(), expectedWindows.keySet()))
                .as("(interface, window, action) with records but not in the ledger").isEmpty();
        assertThat(difference(expectedWindows.keySet(), actualWindows.keySet()))
                .as("(interface, window, action) in the ledger without records").isEmpty();
        expectedWindows.forEach((k, sums) -> assertThat(actualWindows.get(k)).as("packets and bytes of " + k)
                .isEqualTo(sums));
        assertThat(difference(okByFlow.keySet(), ledger.keySet())).as("5-tuples with records but not in the ledger")
                .isEmpty();
        assertThat(difference(ledger.keySet(), okByFlow.keySet())).as("ledger 5-tuples without records").isEmpty();
        ledger.forEach((k, sums) -> assertThat(okByFlow.get(k)).as("packets and bytes of " + k).isEqualTo(sums));
        Set<WindowAction> active = new HashSet<>();
        expectedWindows.keySet().forEach(k -> active.add(new WindowAction(k.interfaceId(), k.windowStart(), "-")));
        assertThat(noData).filteredOn(active::contains).as("NODATA for windows with traffic").isEmpty();
    }

    private static Map<WindowAction, Sums> byWindowAndAction(Map<Ledger.FlowKey, Sums> flows) {
        Map<WindowAction, Sums> out = new HashMap<>();
        flows.forEach((k, s) -> out.merge(new WindowAction(k.interfaceId(), k.windowStart(), k.action()), s,
                (a, b) -> a.plus(b.packets(), b.bytes())));
        return out;
    }

    private static Ledger.FlowKey flowKey(FlowLogRecord r) {
        return new Ledger.FlowKey(r.getInterfaceId(), windowStart(r), r.getSrcAddr(), r.getDstAddr(), r.getSrcPort(),
                r.getDstPort(), r.getProtocol(), r.getAction().name());
    }

    /** The 60 s window (epoch seconds) of a record: its first packet's, since every subscription here is 60 s. */
    private static long windowStart(FlowLogRecord r) {
        return Math.floorDiv(r.getStart().getEpochSecond(), Ledger.WINDOW_SECONDS) * Ledger.WINDOW_SECONDS;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    /**
     * Reads {@code topic} (read_committed) until every expected (interface, window, action) has an OK record, then
     * for {@link #SETTLE} more; fails with what is missing when the wall clock passes {@code deadlineMillis}.
     */
    private static List<FlowLogRecord> consumeUntilCovered(String bootstrap, Topic<String, FlowLogRecord> topic,
                                                           Set<WindowAction> expected, long deadlineMillis) {
        List<FlowLogRecord> records = new ArrayList<>();
        Set<WindowAction> missing = new HashSet<>(expected);
        try (KafkaConsumer<String, FlowLogRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long settledAt = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadlineMillis, settledAt)) {
                for (ConsumerRecord<String, FlowLogRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    FlowLogRecord v = r.value();
                    records.add(v);
                    if (v.getLogStatus() == LogStatus.OK) {
                        missing.remove(new WindowAction(v.getInterfaceId(), windowStart(v), v.getAction().name()));
                    }
                }
                if (missing.isEmpty() && settledAt == Long.MAX_VALUE) {
                    settledAt = System.currentTimeMillis() + SETTLE.toMillis();
                }
            }
        }
        assertThat(missing).as("(interface, window, action) still without records on %s when the wait ended (%d"
                + " records read; windows: %s)", topic.name(), records.size(), windowsOf(missing)).isEmpty();
        return records;
    }

    private static Set<Long> windowsOf(Set<WindowAction> keys) {
        Set<Long> out = new TreeSet<>();
        keys.forEach(k -> out.add(k.windowStart()));
        return out;
    }

    /** The current minute while at most {@link #LATEST_START_SECOND} of it have passed, else the next one. */
    static Instant firstSimulatedMinute(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return Duration.between(minute, now).getSeconds() <= LATEST_START_SECOND ? minute : minute.plusSeconds(60);
    }

    private static Network loadSample() {
        Path path = repositoryRoot().resolve("examples/sample-network.yaml");
        LoadedNetwork loaded = NetworkLoader.load(path);
        assertThat(loaded.hasErrors()).as("sample network loads: " + loaded.problems()).isFalse();
        return loaded.network();
    }

    /** The network with its own flow logs replaced by one per VPC, traffic ALL, 60 s. */
    static Network withOneFlowLogPerVpc(Network n) {
        Network.Builder b = Network.builder();
        n.vpcs().forEach(b::add);
        n.subnets().forEach(b::add);
        n.routeTables().forEach(b::add);
        n.internetGateways().forEach(b::add);
        n.natGateways().forEach(b::add);
        n.networkInterfaces().forEach(b::add);
        n.securityGroups().forEach(b::add);
        n.networkAcls().forEach(b::add);
        n.peeringConnections().forEach(b::add);
        n.vpcEndpoints().forEach(b::add);
        n.prefixLists().forEach(b::add);
        n.endpointServices().forEach(b::add);
        n.loadBalancers().forEach(b::add);
        n.vpnGateways().forEach(b::add);
        n.internetHosts().forEach(b::add);
        n.vpcs().forEach(v -> b.add(new FlowLog("fl-ledger-" + v.id(), null, null, v.id(), FlowLog.TrafficType.ALL,
                60, null, "kafka")));
        return b.build();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the vpcflow checkout");
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).as("streams app state").isEqualTo(KafkaStreams.State.RUNNING);
    }
}
