package io.vpcflow.streams.findings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.findings.FindingsDriver.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running streams app on a real broker (exactly once): flow-log records of a port scan, written to
 * {@code <prefix>.flow-logs} as {@code vpcflow ingest} would, become a Recon:EC2/Portscan finding on {@code
 * <prefix>.findings}. After a restart of the app on the same state, a second scan by the same scanner folds into the
 * same finding (same id, larger count) instead of opening a new one.
 */
class FindingsStreamsIT {
    private static final String SCANNER = "203.0.113.66";
    /** Recent times, so that the broker's time-based retention keeps the records. */
    private static final long BASE = System.currentTimeMillis() / 60_000 * 60_000 - 30 * 60_000;

    @TempDir
    Path stateDir;

    @Test
    void aPortScanBecomesAFindingThatFoldsAcrossARestart() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "findings-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, FlowLogConfig.defaults().withPartitions(1).withAdvanceOnWallClock(false));
        List<Finding> findings = new ArrayList<>();
        try (KafkaConsumer<String, Finding> consumer = consumer(bootstrap, topics.findings())) {
            try (StreamsApp app = new StreamsApp(config, new SimpleMeterRegistry())) {
                app.start();
                awaitRunning(app);
                scan(bootstrap, topics, 0, 60);
                pollUntil(consumer, findings, 1);
            }
            assertThat(findings).extracting(Finding::getType)
                    .containsOnly(PortScanDetector.TYPE, RejectSpikeDetector.INTERFACE_TYPE);
            Finding opened = scans(findings).get(0);
            assertThat(opened.getActor()).isEqualTo(SCANNER);
            int before = scans(findings).size();

            try (StreamsApp app = new StreamsApp(config, new SimpleMeterRegistry())) {
                app.start();
                awaitRunning(app);
                scan(bootstrap, topics, 10 * 60_000, 60);
                pollUntil(consumer, findings, before + 1);
            }
            List<Finding> scans = scans(findings);
            assertThat(scans).extracting(Finding::getId).as("one finding, opened once").containsOnly(opened.getId());
            Finding folded = scans.get(scans.size() - 1);
            assertThat(folded.getId()).as("same finding after the restart").isEqualTo(opened.getId());
            assertThat(folded.getCount()).as("the second scan folded in").isGreaterThan(opened.getCount());
            assertThat(folded.getFirstSeen()).isEqualTo(opened.getFirstSeen());
        }
    }

    /** {@code ports} rejected SYN probes to distinct ports of eni-web, 100 ms apart from BASE + offset. */
    private static void scan(String bootstrap, VpcflowTopics topics, long offsetMs, int ports) {
        Topic<String, FlowLogRecord> t = topics.flowLogs();
        try (KafkaProducer<String, FlowLogRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                t.keySerde().serializer(), t.valueSerde().serializer())) {
            for (int p = 1; p <= ports; p++) {
                FlowLogRecord r = at(record("eni-web", 0).setSrcAddr(SCANNER).setSrcPort(61000).setDstPort(p)
                        .setPackets(1L).setTcpFlags(2).setAction(Action.REJECT), offsetMs + p * 100L);
                producer.send(new ProducerRecord<>(t.name(), null, r.getEnd().toEpochMilli(), r.getInterfaceId(), r));
            }
            FlowLogRecord later = at(record("eni-web", 0), offsetMs + 3 * 60_000);
            producer.send(new ProducerRecord<>(t.name(), null, later.getEnd().toEpochMilli(), "eni-web", later));
            producer.flush();
        }
    }

    private static FlowLogRecord at(FlowLogRecord.Builder r, long offsetMs) {
        return r.setStart(Instant.ofEpochMilli(BASE + offsetMs)).setEnd(Instant.ofEpochMilli(BASE + offsetMs + 500))
                .build();
    }

    private static KafkaConsumer<String, Finding> consumer(String bootstrap, Topic<String, Finding> topic) {
        KafkaConsumer<String, Finding> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "findings-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        c.subscribe(List.of(topic.name()));
        return c;
    }

    private static List<Finding> scans(List<Finding> findings) {
        return findings.stream().filter(f -> f.getType().equals(PortScanDetector.TYPE)).toList();
    }

    /** Polls into {@code out} until it holds {@code scans} port-scan versions and then 3 s more, or 90 s passed. */
    private static void pollUntil(KafkaConsumer<String, Finding> consumer, List<Finding> out, int scans) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long settle = Long.MAX_VALUE;
        while (System.nanoTime() < Math.min(deadline, settle)) {
            for (ConsumerRecord<String, Finding> r : consumer.poll(Duration.ofMillis(500))) {
                out.add(r.value());
            }
            if (scans(out).size() >= scans && settle == Long.MAX_VALUE) {
                settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            }
        }
        assertThat(scans(out)).as("port-scan findings read before the deadline").hasSizeGreaterThanOrEqualTo(scans);
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).as("streams app state").isEqualTo(KafkaStreams.State.RUNNING);
    }
}
