package io.vpcflow.streams.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's example records (2014 to 2021) in an S3-style gzip file go through ingest into a real broker and come back
 * with their own times as Kafka timestamps, from a topic ingest created with retention.ms=-1.
 */
class FlowLogIngestIT {
    private static final String FILE =
            "123456789010_vpcflowlogs_us-east-1_fl-0abc1234_20210326T0330Z_1a2b3c4d.log.gz";
    private static final List<String> EXAMPLES = List.of(
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
            "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK",
            "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA",
            "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA",
            "2 123456789010 eni-1235b8ca123456789 203.0.113.12 172.31.16.139 0 0 1 4 336 1432917027 1432917142 ACCEPT OK",
            "2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK",
            "2 123456789012 eni-1235b8ca123456789 52.95.128.179 10.0.0.71 80 34210 6 14 15044 1616729292 1616729349 ACCEPT OK");

    @TempDir
    Path dir;

    @Test
    void oldRecordsKeepTheirTimestampsInATopicThatNeverDeletesByAge() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "ingest-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path day = Files.createDirectories(dir.resolve("AWSLogs/123456789010/vpcflowlogs/us-east-1/2021/03/26"));
        List<String> lines = new ArrayList<>();
        lines.add(FlowLogFormat.DEFAULT.header());
        lines.addAll(EXAMPLES);
        lines.add("2 123456789010 eni-1 not-a-line");
        FlowLogInputsTest.gzip(day.resolve(FILE), String.join("\n", lines) + "\n");

        List<String> notes = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        IngestConfig config = new IngestConfig(bootstrap, prefix, null, null, null, false, 2, (short) 1);
        IngestSummary summary;
        try (FlowLogIngest ingest = new FlowLogIngest(config, listener(notes, bad))) {
            ingest.start();
            summary = ingest.ingest(FlowLogInputs.discover(List.of(dir)).files());
        }

        assertThat(summary).isEqualTo(new IngestSummary(1, 9, 7, 1, 1, 0));
        assertThat(bad).singleElement().asString().contains(FILE + ":9: line has 4 fields");
        assertThat(notes).anyMatch(n -> n.contains("created topic " + prefix + ".flow-logs")
                && n.contains("retention.ms=-1"));
        assertThat(retentionMs(bootstrap, prefix + ".flow-logs")).isEqualTo("-1");

        Topic<String, FlowLogRecord> topic =
                VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry())).flowLogs();
        List<ConsumerRecord<String, FlowLogRecord>> back = consume(bootstrap, topic, 7);
        assertThat(back).allSatisfy(r -> {
            assertThat(r.timestamp()).isEqualTo(r.value().getEnd().toEpochMilli());
            assertThat(r.key()).isEqualTo(r.value().getInterfaceId());
            assertThat(r.value().getSubscriptionId()).isEqualTo("fl-0abc1234");
        });
        assertThat(back).extracting(ConsumerRecord::timestamp).containsExactlyInAnyOrder(
                1418530070_000L, 1418530070_000L, 1431280934_000L, 1431280934_000L, 1432917142_000L,
                1477913820_000L, 1616729349_000L);
        assertThat(back).extracting(r -> r.value().getLogStatus()).contains(LogStatus.NODATA, LogStatus.SKIPDATA);
        assertThat(Instant.ofEpochMilli(back.get(0).timestamp())).isBefore(Instant.parse("2022-01-01T00:00:00Z"));
    }

    @Test
    void anExistingTopicThatDeletesByAgeIsReportedOrFixed() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "ingest-it-" + UUID.randomUUID().toString().substring(0, 8);
        String name = prefix + ".flow-logs";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "604800000")))).all().get();
        }
        List<String> notes = new ArrayList<>();
        IngestConfig warnOnly = new IngestConfig(bootstrap, prefix, null, null, "fl-1", false, 1, (short) 1);
        try (FlowLogIngest ingest = new FlowLogIngest(warnOnly, listener(notes, new ArrayList<>()))) {
            ingest.start();
        }
        assertThat(notes).singleElement().asString().startsWith("WARNING: topic " + name)
                .contains("7 day(s)").contains("--fix-retention");
        assertThat(retentionMs(bootstrap, name)).isEqualTo("604800000");

        notes.clear();
        IngestConfig fix = new IngestConfig(bootstrap, prefix, null, null, "fl-1", true, 1, (short) 1);
        try (FlowLogIngest ingest = new FlowLogIngest(fix, listener(notes, new ArrayList<>()))) {
            ingest.start();
        }
        assertThat(notes).singleElement().asString().contains("set retention.ms=-1");
        // the broker applies a config change from its metadata log, a moment after the admin call returns
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!retentionMs(bootstrap, name).equals("-1") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(retentionMs(bootstrap, name)).isEqualTo("-1");
    }

    private static FlowLogIngest.Listener listener(List<String> notes, List<String> bad) {
        return new FlowLogIngest.Listener() {
            @Override
            public void badLine(Path file, int lineNumber, String problem) {
                bad.add(file.getFileName() + ":" + lineNumber + ": " + problem);
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
    }

    private static String retentionMs(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value();
        }
    }

    private static List<ConsumerRecord<String, FlowLogRecord>> consume(String bootstrap,
                                                                       Topic<String, FlowLogRecord> topic, int count) {
        List<ConsumerRecord<String, FlowLogRecord>> records = new ArrayList<>();
        try (KafkaConsumer<String, FlowLogRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
