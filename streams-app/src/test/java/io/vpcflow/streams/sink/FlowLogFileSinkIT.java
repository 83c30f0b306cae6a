package io.vpcflow.streams.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.sink.SinkRecords.END;
import static io.vpcflow.streams.sink.SinkRecords.line;
import static io.vpcflow.streams.sink.SinkRecords.record;
import static io.vpcflow.streams.sink.SinkRecords.subscription;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file sink on a real broker: flow-log records of three flow logs (two to S3 in different formats, one to
 * CloudWatch Logs) become gzip files in AWS's layout, with header and lines, published when the clock passes the
 * batch; offsets are committed up to the end once the files exist.
 */
class FlowLogFileSinkIT {

    @TempDir
    Path root;

    @Test
    void writesAwsLayoutFilesAndCommitsAfterPublishing() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "sink-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.flowLogs().name(), 2, (short) 1),
                    new NewTopic(topics.subscriptions().name(), 1, (short) 1).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        send(bootstrap, topics.subscriptions(), "fl-s3", subscription("fl-s3", "s3:my-bucket/vpc", ""));
        send(bootstrap, topics.subscriptions(), "fl-arn", subscription("fl-arn", "arn:aws:s3:::other-bucket",
                "${interface-id} ${dstport} ${action} ${log-status}"));
        send(bootstrap, topics.subscriptions(), "fl-cwl", subscription("fl-cwl", "cloud-watch-logs:flows", ""));

        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:03:00Z"));
        FileSinkConfig config = FileSinkConfig.defaults().withBootstrapServers(bootstrap).withTopicPrefix(prefix)
                .withGroupId(prefix + "-sink").withRoot(root);
        try (FlowLogFileSink sink = new FlowLogFileSink(config, clock)) {
            sink.start();
            assertThat(sink.knownFlowLogs()).isEqualTo(3);
            for (int i = 0; i < 4; i++) {
                send(bootstrap, topics.flowLogs(), "eni-" + i, record("fl-s3", "eni-" + i, 443));
            }
            send(bootstrap, topics.flowLogs(), "eni-9", record("fl-arn", "eni-9", 22));
            send(bootstrap, topics.flowLogs(), "eni-9", record("fl-cwl", "eni-9", 22));
            send(bootstrap, topics.flowLogs(), "eni-9", record("fl-unknown", "eni-9", 22));
            await(() -> sink.counters().recordsRead() == 7);
            assertThat(sink.counters().filesWritten()).isZero();

            clock.set(Instant.parse("2024-03-01T12:05:01Z"));
            await(() -> sink.counters().filesWritten() == 2);

            Path s3 = root.resolve("my-bucket/vpc/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01");
            assertThat(files(s3)).singleElement().satisfies(file -> {
                assertThat(file.getFileName().toString())
                        .matches("123456789012_vpcflowlogs_eu-west-1_fl-s3_20240301T1205Z_[0-9a-f]{8}\\.log\\.gz");
                List<String> lines = FileBatchesTest.lines(file);
                assertThat(lines.get(0)).isEqualTo("version account-id interface-id srcaddr dstaddr srcport dstport"
                        + " protocol packets bytes start end action log-status");
                assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
                        line("eni-0"), line("eni-1"), line("eni-2"), line("eni-3"));
            });
            Path arn = root.resolve("other-bucket/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01");
            assertThat(files(arn)).singleElement().satisfies(file -> assertThat(FileBatchesTest.lines(file))
                    .containsExactly("interface-id dstport action log-status", "eni-9 22 ACCEPT OK"));
            assertThat(sink.counters().recordsNotS3()).isEqualTo(1);
            assertThat(sink.counters().recordsUnknownFlowLog()).isEqualTo(1);
            assertThat(sink.counters().recordsWritten()).isEqualTo(5);
            assertThat(sink.counters().snapshot()).containsEntry("vpcflow_file_sink_files_written_total", 2L);
            await(() -> committedToTheEnd(bootstrap, prefix + "-sink", topics.flowLogs().name()));
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    private static <V> void send(String bootstrap, Topic<String, V> topic, String key, V value) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static boolean committedToTheEnd(String bootstrap, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return partitions.stream().allMatch(tp -> committed.containsKey(tp)
                    && committed.get(tp).offset() == ends.get(tp).offset());
        } catch (Exception e) {
            return false;
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> all = Files.list(dir)) {
            return all.toList();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
