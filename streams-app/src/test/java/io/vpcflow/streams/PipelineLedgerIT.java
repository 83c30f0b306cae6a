package io.vpcflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vpcflow.streams.LedgerCheck.Sums;
import io.vpcflow.streams.LedgerCheck.WindowAction;

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

    @TempDir
    Path stateDir;

    @Test
    void flowLogRecordsAddUpToTheLedgerPerInterfaceWindowActionAndFiveTuple() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "ledger-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        Network sample = LedgerCheck.loadSample();
        Network network = LedgerCheck.withOneFlowLogPerVpc(sample);
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
            Set<WindowAction> expected = LedgerCheck.byWindowAndAction(ledger).keySet();
            long lastWindowEnd = generatorConfig.start().plus(SIMULATED).toEpochMilli();
            long publishAt = lastWindowEnd + flowLog.publishAfterMs() + flowLog.wallClockLag().toMillis();
            List<FlowLogRecord> records = LedgerCheck.consumeUntilCovered(bootstrap, topics.flowLogs(), expected,
                    publishAt + 60_000);

            LedgerCheck.compare("PipelineLedgerIT", records, ledger, produced);
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
        Ledger.Listener collector = LedgerCheck.collector(ledger);
        TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(network)),
                new KafkaEventSink(sinkConfig, null), new Ledger(List.of(collector)));
        try (generator) {
            generator.start();
            generator.await();
        }
        assertThat(generator.skipped()).as("scenarios that could not run on the sample network").isEmpty();
        return generator.stats().events();
    }

    /** The current minute while at most {@link #LATEST_START_SECOND} of it have passed, else the next one. */
    static Instant firstSimulatedMinute(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        return Duration.between(minute, now).getSeconds() <= LATEST_START_SECOND ? minute : minute.plusSeconds(60);
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).as("streams app state").isEqualTo(KafkaStreams.State.RUNNING);
    }
}
