package io.vpcflow.streams.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import io.vpcflow.streams.StreamsAppConfigLoader;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.vpcflow.streams.sink.SinkRecords.END;
import static io.vpcflow.streams.sink.SinkRecords.line;
import static io.vpcflow.streams.sink.SinkRecords.record;
import static io.vpcflow.streams.sink.SinkRecords.subscription;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file sink's upload on a real broker and a real S3-compatible server (s3rver, which checks the SigV4
 * signatures and Content-MD5): the objects have AWS's keys and the local sink's bytes; while the server is down the
 * published file stays on disk, failures are counted and retried, and the file reaches the bucket once the server
 * is back, also across a restart of the sink. Credentials reach the sink the production way, through the SDK's
 * default chain (here its Java system properties).
 */
class FlowLogS3UploadIT {
    private static final String BUCKET = "flow-logs-it";
    private static final String DAY = "AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01/";

    @TempDir
    Path temp;

    @BeforeAll
    static void credentialsThroughTheDefaultChain() {
        System.setProperty("aws.accessKeyId", S3rverProcess.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3rverProcess.SECRET_KEY);
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void uploadsEachPublishedFileUnderAwsKeyWithTheLocalSinksContent() throws Exception {
        VpcflowTopics topics = topics();
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:03:00Z"));
        Path localRoot = temp.resolve("local");
        Path outbox = temp.resolve("outbox");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (S3rverProcess server = S3rverProcess.start(temp.resolve("s3rver"), 0);
             S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
            FileSinkConfig config = sinkConfig(topics, server, outbox);
            try (FlowLogFileSink local = new FlowLogFileSink(config.withS3(null).withRoot(localRoot)
                    .withGroupId(config.groupId() + "-local"), clock);
                 FlowLogFileSink uploading = new FlowLogFileSink(config, clock, registry)) {
                local.start();
                uploading.start();
                for (int i = 0; i < 4; i++) {
                    send(topics.flowLogs(), "eni-" + i, record("fl-s3", "eni-" + i, 443));
                }
                send(topics.flowLogs(), "eni-9", record("fl-arn", "eni-9", 22));
                send(topics.flowLogs(), "eni-9", record("fl-cwl", "eni-9", 22));
                await(() -> local.counters().recordsRead() == 6 && uploading.counters().recordsRead() == 6);
                clock.set(Instant.parse("2024-03-01T12:05:01Z"));
                await(() -> local.counters().filesWritten() == 2 && uploading.counters().filesWritten() == 2
                        && uploading.pendingUploads() == 0);
            }

            Map<String, S3Object> objects = objects(client);
            Map<String, Path> localFiles = localFilesByKey(localRoot);
            assertThat(objects.keySet()).hasSize(2).isEqualTo(localFiles.keySet());
            assertThat(objects.keySet()).anySatisfy(key -> assertThat(key).matches("vpc/" + DAY
                    + "123456789012_vpcflowlogs_eu-west-1_fl-s3_20240301T1205Z_[0-9a-f]{8}\\.log\\.gz"))
                    .anySatisfy(key -> assertThat(key).matches(DAY
                            + "123456789012_vpcflowlogs_eu-west-1_fl-arn_20240301T1205Z_[0-9a-f]{8}\\.log\\.gz"));
            for (Map.Entry<String, Path> e : localFiles.entrySet()) {
                ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(b -> b.bucket(BUCKET)
                        .key(e.getKey()));
                assertThat(object.response().contentType()).startsWith("text/plain");
                assertThat(object.response().contentEncoding()).isEqualTo("gzip");
                assertThat(gunzip(object.asByteArray())).isEqualTo(FileBatchesTest.lines(e.getValue()))
                        .hasSizeGreaterThan(1);
            }
            String s3Key = objects.keySet().stream().filter(k -> k.contains("_fl-s3_")).findFirst().orElseThrow();
            assertThat(gunzip(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(s3Key)).asByteArray()))
                    .contains(line("eni-0"), line("eni-3"));
        }
        assertThat(S3Uploader.publishedFiles(outbox)).as("uploaded files leave the outbox").isEmpty();
        assertThat(registry.get("vpcflow.file.sink.uploads").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("vpcflow.file.sink.upload.failures").counter().count()).isZero();
    }

    @Test
    void keepsTheFileWhileTheServerIsDownAndUploadsItWhenItIsBackAlsoAfterARestart() throws Exception {
        VpcflowTopics topics = topics();
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T12:03:00Z"));
        Path outbox = temp.resolve("outbox");
        Path data = temp.resolve("s3rver");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        S3rverProcess server = S3rverProcess.start(data, 0);
        int port = server.port();
        try (S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
        server.close();
        FileSinkConfig config = sinkConfig(topics, server, outbox);

        FlowLogFileSink sink = new FlowLogFileSink(config, clock, registry);
        try {
            sink.start();
            send(topics.flowLogs(), "eni-1", record("fl-s3", "eni-1", 443));
            await(() -> sink.counters().recordsRead() == 1);
            clock.set(Instant.parse("2024-03-01T12:05:01Z"));
            await(() -> failures(registry) >= 2);
            assertThat(sink.pendingUploads()).isEqualTo(1);
            assertThat(S3Uploader.publishedFiles(outbox)).as("the batch stays on disk").hasSize(1);

            server = S3rverProcess.start(data, port);
            await(() -> sink.pendingUploads() == 0);
            assertThat(keys(server)).singleElement().asString().contains("_fl-s3_20240301T1205Z_");
            server.close();

            send(topics.flowLogs(), "eni-2", record("fl-s3", "eni-2", 443));
            await(() -> sink.counters().recordsRead() == 2);
            clock.set(Instant.parse("2024-03-01T12:10:01Z"));
            await(() -> sink.counters().filesWritten() == 2);
        } finally {
            sink.close();
        }
        assertThat(S3Uploader.publishedFiles(outbox)).as("closed while the server is down").hasSize(1);

        server = S3rverProcess.start(data, port);
        try (FlowLogFileSink restarted = new FlowLogFileSink(config, clock, new SimpleMeterRegistry())) {
            restarted.start();
            await(() -> restarted.pendingUploads() == 0);
        } finally {
            server.close();
        }
        server = S3rverProcess.start(data, port);
        try (S3Client client = server.client()) {
            List<String> keys = keys(server);
            assertThat(keys).hasSize(2).anySatisfy(k -> assertThat(k).contains("_fl-s3_20240301T1210Z_"));
            String later = keys.stream().filter(k -> k.contains("T1210Z")).findFirst().orElseThrow();
            assertThat(gunzip(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(later)).asByteArray()))
                    .contains(line("eni-2")).doesNotContain(line("eni-1"));
        } finally {
            server.close();
        }
        assertThat(S3Uploader.publishedFiles(outbox)).isEmpty();
        assertThat(registry.get("vpcflow.file.sink.uploads").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theStreamsAppRunsTheUploadFromItsSettings() throws Exception {
        String prefix = "s3-app-" + UUID.randomUUID().toString().substring(0, 8);
        Path outbox = temp.resolve("outbox");
        try (S3rverProcess server = S3rverProcess.start(temp.resolve("s3rver"), 0);
             S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
            StreamsAppConfig config = StreamsAppConfigLoader.load(List.of(
                    "--bootstrap-servers=" + KafkaFixture.shared().bootstrapServers(), "--topic-prefix=" + prefix,
                    "--application-id=" + prefix + "-app", "--state-dir=" + temp.resolve("state"),
                    "--network=" + Path.of("..", "examples", "sample-network.yaml"), "--query-enabled=false",
                    "--file-sink-dir=" + outbox, "--s3-bucket=" + BUCKET, "--s3-endpoint=" + server.endpoint(),
                    "--s3-path-style=true", "--s3-max-backoff=500ms"), Map.of());
            VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
            try (StreamsApp app = new StreamsApp(config, new SimpleMeterRegistry())) {
                app.start();
                int networkFlowLogs = app.fileSink().knownFlowLogs();
                assertThat(networkFlowLogs).as("the sample network's flow logs").isPositive();
                send(topics.subscriptions(), "fl-app-it", subscription("fl-app-it", "s3:app-bucket/app", ""));
                await(() -> app.fileSink().knownFlowLogs() == networkFlowLogs + 1);
                send(topics.flowLogs(), "eni-1", record("fl-app-it", "eni-1", 443));
                await(() -> S3Uploader.publishedFiles(outbox).size() + openFiles(outbox, "fl-app-it") > 0);
            }
            List<String> keys = List.copyOf(objects(client).keySet());
            String key = keys.stream().filter(k -> k.contains("_fl-app-it_")).findFirst().orElseThrow();
            assertThat(key).matches("app/AWSLogs/123456789012/vpcflowlogs/eu-west-1/\\d{4}/\\d{2}/\\d{2}/"
                    + "123456789012_vpcflowlogs_eu-west-1_fl-app-it_\\d{8}T\\d{4}Z_[0-9a-f]{8}\\.log\\.gz");
            assertThat(gunzip(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()))
                    .contains(line("eni-1"));
        }
        assertThat(S3Uploader.publishedFiles(outbox)).isEmpty();
    }

    /** The sink's files of {@code flowLogId} still being written (hidden temporary names). */
    private static long openFiles(Path root, String flowLogId) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().startsWith("." + flowLogId + "-")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;   // a file renamed while walking; the next poll sees it
        }
    }

    private static double failures(SimpleMeterRegistry registry) {
        return registry.get("vpcflow.file.sink.upload.failures").counter().count();
    }

    private static List<String> keys(S3rverProcess server) {
        try (S3Client client = server.client()) {
            return List.copyOf(objects(client).keySet());
        }
    }

    private static Map<String, S3Object> objects(S3Client client) {
        Map<String, S3Object> out = new TreeMap<>();
        client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(o -> out.put(o.key(), o));
        return out;
    }

    /** The local sink's files by the key the uploader gives them: the path below the destination bucket. */
    private static Map<String, Path> localFilesByKey(Path root) {
        Map<String, Path> out = new TreeMap<>();
        S3Uploader.publishedFiles(root).forEach(p -> out.put(S3Uploader.key(root, p), p));
        return out;
    }

    private FileSinkConfig sinkConfig(VpcflowTopics topics, S3rverProcess server, Path outbox) {
        String prefix = topics.flowLogs().name().substring(0, topics.flowLogs().name().indexOf('.'));
        return FileSinkConfig.defaults().withBootstrapServers(KafkaFixture.shared().bootstrapServers())
                .withTopicPrefix(prefix).withGroupId(prefix + "-sink").withRoot(outbox)
                .withS3(S3UploadConfig.of(BUCKET).withEndpoint(server.endpoint()).withPathStyle(true)
                        .withMaxBackoff(Duration.ofMillis(500)));
    }

    /** Topics with one flow-logs partition, so that two sinks read the records in one order. */
    private static VpcflowTopics topics() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "s3-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.flowLogs().name(), 1, (short) 1),
                    new NewTopic(topics.subscriptions().name(), 1, (short) 1).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        send(topics.subscriptions(), "fl-s3", subscription("fl-s3", "s3:my-bucket/vpc", ""));
        send(topics.subscriptions(), "fl-arn", subscription("fl-arn", "arn:aws:s3:::other-bucket",
                "${interface-id} ${dstport} ${action} ${log-status}"));
        send(topics.subscriptions(), "fl-cwl", subscription("fl-cwl", "cloud-watch-logs:flows", ""));
        return topics;
    }

    private static List<String> gunzip(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.shared().bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
