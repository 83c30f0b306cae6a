package io.vpcflow.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.LedgerCheck.Sums;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app killed without warning (SIGKILL of its JVM) three times while it works through a generated run,
 * restarted each time (the second time with its state directory wiped, so the stores come back from their
 * changelogs): with exactly-once the flow-log records still add up to the generator's ledger exactly
 * ({@link LedgerCheck}), nothing lost and nothing counted twice.
 *
 * <p>The app runs in a child JVM ({@code java -cp <this test's class path> io.vpcflow.streams.StreamsApp}) against
 * the test's broker, on stream time only (no wall-clock flushing), so the simulated traffic can be any minutes.
 * Each kill comes once the app's committed offsets passed a quarter, a half and three quarters of the events; the
 * last instance runs to the end. One event per partition far after the traffic then closes every window.
 *
 * <p>The second test kills the app while the generator is still producing: the generator runs in this JVM on its
 * simulated clock, paced to {@value #LIVE_SPEEDUP} times real time and at most {@value #MAX_LEAD} events ahead of the
 * app's committed offsets ({@link PacedEventSink}), and each kill comes once the app's instance made progress on the
 * live traffic and the generator is verifiably still running; after the third kill the rest of the traffic goes out
 * at full speed.
 */
class StreamsCrashIT {
    private static final int PARTITIONS = 2;
    private static final Duration SIMULATED = Duration.ofMinutes(6);
    /**
     * Recent traffic: the flow-logs topic has the broker's time-based retention, which would delete records stamped
     * with old event times while the test runs.
     */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(4);
    /** Simulated minutes of the live run: at {@link #LIVE_SPEEDUP}x real time they outlast three slow restarts. */
    private static final Duration LIVE_SIMULATED = Duration.ofMinutes(12);
    private static final double LIVE_SPEEDUP = 3;
    /** Events an app instance commits beyond its predecessor before it is killed: it works on live traffic. */
    private static final long PROGRESS_PER_LIFE = 300;
    /**
     * How far the paced generator may run ahead of the app's committed offsets: however slowly the app's JVMs start,
     * the generator cannot finish before the third kill (a few thousand commits + 20,000 is far below the run's
     * ~60,000 events), and on a quick machine it never waits for the app at all.
     */
    private static final long MAX_LEAD = 20_000;

    @TempDir
    Path work;

    @Test
    void killedThreeTimesTheRecordsStillAddUpToTheLedger() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "crash-it-" + UUID.randomUUID().toString().substring(0, 8);
        String appId = prefix + "-app";
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        Network sample = LedgerCheck.loadSample();
        Map<Ledger.FlowKey, Sums> ledger = new HashMap<>();
        Path stateDir = work.resolve("state");

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            publisher.start();
            publisher.publish(LedgerCheck.withOneFlowLogPerVpc(sample));
            long produced = generate(sample, bootstrap, prefix, ledger);
            assertThat(produced).as("events generated").isGreaterThan(1_000);

            List<String> kills = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                if (k == 2) {
                    wipe(stateDir);
                }
                Process app = startApp(bootstrap, appId, prefix, stateDir, String.valueOf(k));
                long committed = awaitCommitted(admin, appId, topics.packetEvents().name(), produced * k / 4, app);
                app.destroyForcibly().waitFor();
                kills.add("kill " + k + " at " + committed + " of " + produced + " events committed");
            }
            System.out.println("StreamsCrashIT: " + kills);

            Process last = startApp(bootstrap, appId, prefix, stateDir, "4");
            try {
                closeEveryWindow(bootstrap, topics, SIMULATED);
                Set<LedgerCheck.WindowAction> expected = LedgerCheck.byWindowAndAction(ledger).keySet();
                List<FlowLogRecord> records = LedgerCheck.consumeUntilCovered(bootstrap, topics.flowLogs(), expected,
                        System.currentTimeMillis() + PHASE_TIMEOUT.toMillis());
                LedgerCheck.compare("StreamsCrashIT", records, ledger, produced);
            } finally {
                last.destroy();
                last.waitFor();
            }
        }
    }

    @Test
    void killedThreeTimesWhileTheGeneratorProducesTheRecordsStillAddUpToTheLedger() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "crash-live-it-" + UUID.randomUUID().toString().substring(0, 8);
        String appId = prefix + "-app";
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        Network sample = LedgerCheck.loadSample();
        Map<Ledger.FlowKey, Sums> ledger = new HashMap<>();
        Path stateDir = work.resolve("state-live");

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            publisher.start();
            publisher.publish(LedgerCheck.withOneFlowLogPerVpc(sample));
            GeneratorConfig config = GeneratorConfig.defaults().withSeed(11).withStart(START).simulated(LIVE_SIMULATED);
            KafkaSinkConfig sinkConfig = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(prefix)
                    .withPartitions(PARTITIONS);
            String eventsTopic = topics.packetEvents().name();
            PacedEventSink sink = new PacedEventSink(new KafkaEventSink(sinkConfig, null), START, LIVE_SPEEDUP,
                    MAX_LEAD, () -> committedOrZero(admin, appId, eventsTopic));
            TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(sample)), sink,
                    new Ledger(List.of(LedgerCheck.collector(ledger))));
            Process last = null;
            try {
                // closing the generator flushes the sink and closes the ledger, which reports its last window then
                try (generator) {
                    try {
                        generator.start();
                        System.out.println("StreamsCrashIT (live): " + killThreeTimes(generator, admin, bootstrap,
                                appId, prefix, eventsTopic, stateDir));
                    } finally {
                        sink.unpace();
                    }
                    last = startApp(bootstrap, appId, prefix, stateDir, "live-4");
                    assertThat(generator.await(PHASE_TIMEOUT)).as("the generator finished").isTrue();
                }
                long produced = generator.stats().events();
                closeEveryWindow(bootstrap, topics, LIVE_SIMULATED);
                Set<LedgerCheck.WindowAction> expected = LedgerCheck.byWindowAndAction(ledger).keySet();
                List<FlowLogRecord> records = LedgerCheck.consumeUntilCovered(bootstrap, topics.flowLogs(), expected,
                        System.currentTimeMillis() + PHASE_TIMEOUT.toMillis());
                LedgerCheck.compare("StreamsCrashIT (live)", records, ledger, produced);
            } finally {
                if (last != null) {
                    last.destroy();
                    last.waitFor();
                }
            }
        }
    }

    /**
     * Three lives of the app while {@code generator} produces: each is killed once it committed
     * {@link #PROGRESS_PER_LIFE} events beyond its predecessor, and only while the generator is still running.
     */
    private List<String> killThreeTimes(TrafficGenerator generator, Admin admin, String bootstrap, String appId,
                                        String prefix, String eventsTopic, Path stateDir) throws Exception {
        List<String> kills = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            if (k == 2) {
                wipe(stateDir);
            }
            long before = committed(admin, appId, eventsTopic);
            long producedAtStart = generator.stats().events();
            Process app = startApp(bootstrap, appId, prefix, stateDir, "live-" + k);
            try {
                long committed = awaitCommitted(admin, appId, eventsTopic, before + PROGRESS_PER_LIFE, app);
                long producedSoFar = generator.stats().events();
                assertThat(generator.await(Duration.ZERO))
                        .as("the generator is still producing at kill %d (%,d events so far)", k, producedSoFar)
                        .isFalse();
                assertThat(producedSoFar).as("events the generator produced while instance %d ran", k)
                        .isGreaterThan(producedAtStart);
                kills.add("kill " + k + " at " + committed + " committed, " + producedAtStart + " -> "
                        + producedSoFar + " produced during its life");
            } finally {
                app.destroyForcibly().waitFor();
            }
        }
        return kills;
    }

    private static long generate(Network network, String bootstrap, String prefix, Map<Ledger.FlowKey, Sums> ledger)
            throws InterruptedException {
        GeneratorConfig config = GeneratorConfig.defaults().withSeed(7).withStart(START).simulated(SIMULATED);
        KafkaSinkConfig sink = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(prefix).withPartitions(PARTITIONS);
        TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(network)),
                new KafkaEventSink(sink, null), new Ledger(List.of(LedgerCheck.collector(ledger))));
        try (generator) {
            generator.start();
            generator.await();
        }
        return generator.stats().events();
    }

    /** The app in its own JVM, output to {@code app-<n>.log} under the test's directory. */
    private Process startApp(String bootstrap, String appId, String prefix, Path stateDir, String n)
            throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), StreamsApp.class.getName(),
                "--bootstrap-servers=" + bootstrap, "--application-id=" + appId, "--topic-prefix=" + prefix,
                "--state-dir=" + stateDir, "--partitions=" + PARTITIONS, "--advance-on-wall-clock=false",
                // no fixed ports: another process on the machine may hold the defaults (7070, 9464)
                "--query-enabled=false", "--metrics-enabled=false");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("app-" + n + ".log").toFile()).start();
    }

    /** Waits until the app's group committed at least {@code target} packet-event offsets; returns how many. */
    private long awaitCommitted(Admin admin, String group, String topic, long target, Process app) throws Exception {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        long committed = 0;
        while (committed < target && System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app runs (see app-*.log in %s)", work).isTrue();
            Thread.sleep(200);
            committed = committed(admin, group, topic);
        }
        assertThat(committed).as("offsets the app committed before the kill (within %s; see app-*.log in %s)",
                PHASE_TIMEOUT, work).isGreaterThanOrEqualTo(target);
        return committed;
    }

    /** {@link #committed}, for the pacing sink: a failed look-up counts as no progress. */
    private static long committedOrZero(Admin admin, String group, String topic) {
        try {
            return committed(admin, group, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The group's committed offsets of {@code topic}, summed over its partitions (0 before the first commit). */
    private static long committed(Admin admin, String group, String topic) throws Exception {
        long committed = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                committed += e.getValue().offset();
            }
        }
        return committed;
    }

    /** One event per partition of an interface no flow log captures, 30 minutes after the traffic. */
    private static void closeEveryWindow(String bootstrap, VpcflowTopics topics, Duration simulated)
            throws Exception {
        Instant after = START.plus(simulated).plus(Duration.ofMinutes(30));
        try (KafkaProducer<String, PacketEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                topics.packetEvents().keySerde().serializer(), topics.packetEvents().valueSerde().serializer())) {
            int partitions = producer.partitionsFor(topics.packetEvents().name()).size();
            for (int p = 0; p < partitions; p++) {
                PacketEvent e = FlowLogDriver.event("eni-x9", 0).setEventTime(after).setVpcId("vpc-x9")
                        .setSubnetId("subnet-x9").build();
                producer.send(new ProducerRecord<>(topics.packetEvents().name(), p, e.getInterfaceId(), e)).get();
            }
        }
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
