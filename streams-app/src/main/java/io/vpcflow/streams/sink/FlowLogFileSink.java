package io.vpcflow.streams.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogText;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flow-log records to files laid out as AWS writes them to S3 (see {@link S3Layout}), in a local directory
 * standing in for the bucket. Only flow logs whose destination is S3 ({@link S3Destination}) are written, each
 * record in its flow log's format.
 *
 * <p>Reads {@code <prefix>.flow-logs} ({@code FlowLogRecord}, key interface id; read_committed, consumer group
 * {@link FileSinkConfig#groupId()}) and {@code <prefix>.subscriptions} ({@code FlowLogSubscription}, key flow-log
 * id; every partition from the beginning, no group, as a table). Writes no topic.
 *
 * <p>Publish time is this sink's clock when it reads the record, as AWS batches by delivery time, not by the
 * records' own times. A file is published once its 5-minute batch is over (checked after every poll), when it
 * reaches the size cap, and on {@link #close()}.
 *
 * <p>At least once: offsets are committed only for records in published (durable, renamed) files, so a crash
 * never loses a record. After a crash the records of the files that were still open are read again and written
 * again; any of them that were already in a published file (published but not yet committed) appear twice. A
 * failure to write a file is fatal: the sink stops without committing and deletes its unpublished files.
 *
 * <p>With {@link FileSinkConfig#s3()} set, an {@link S3Uploader} uploads each published file to the bucket and then
 * deletes it: the root is the outbox, and a file stays in it until S3 accepted it, across restarts. Offsets are
 * still committed once a file is published locally, so the guarantee stays at least once: a record is either in
 * the bucket or in a local file waiting for its upload (retried with backoff while S3 is unreachable).
 *
 * <p>Inert until {@link #start()}; {@link #close()} publishes the open files and commits.
 */
public final class FlowLogFileSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowLogFileSink.class);

    private final FileSinkConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final FileSinkCounters counters = new FileSinkCounters();
    private final Map<String, FlowLogSubscription> subscriptions = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Offsets this sink committed last, so an idle loop does not commit the same offsets again. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private FileBatches batches;
    private Topic<String, FlowLogRecord> flowLogs;
    private KafkaConsumer<String, FlowLogRecord> records;
    private KafkaConsumer<String, FlowLogSubscription> subscriptionReader;
    private S3Uploader uploader;
    private Thread thread;
    private volatile boolean closing;
    private volatile Throwable failure;

    /** {@code clock} gives publish times; {@link Clock#systemUTC()} outside tests. */
    public FlowLogFileSink(FileSinkConfig config, Clock clock) {
        this(config, clock, new SimpleMeterRegistry());
    }

    /** {@code registry} gets the uploader's meters when {@link FileSinkConfig#s3()} is set. */
    public FlowLogFileSink(FileSinkConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    public void start() {
        if (config.s3() != null) {
            uploader = new S3Uploader(config.s3(), config.root(), S3Clients.create(config.s3()), registry);
            uploader.start();
        }
        VpcflowTopics topics = VpcflowTopics.create(config.topicPrefix(), new AvroSerdes(config.serdeConfig()));
        flowLogs = topics.flowLogs();
        batches = new FileBatches(config.layout(), config.maxFileBytes(), counters);
        subscriptionReader = new KafkaConsumer<>(consumerProperties(null),
                topics.subscriptions().keySerde().deserializer(), topics.subscriptions().valueSerde().deserializer());
        readAllSubscriptions(topics.subscriptions().name());
        records = new KafkaConsumer<>(consumerProperties(config.groupId()), flowLogs.keySerde().deserializer(),
                flowLogs.valueSerde().deserializer());
        records.subscribe(List.of(flowLogs.name()), new PublishOnRevoke());
        thread = new Thread(this::run, "flow-log-file-sink");
        thread.start();
        LOG.info("flow-log file sink started: {} into {}, cap {} bytes, {} flow logs known", flowLogs.name(),
                config.root().toAbsolutePath(), config.maxFileBytes(), subscriptions.size());
    }

    private Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return config.security().applyTo(p);
    }

    /** Reads the subscriptions topic to its end, so records of known flow logs are never taken for unknown. */
    private void readAllSubscriptions(String topic) {
        List<TopicPartition> partitions = subscriptionReader.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            subscriptionReader.close();
            throw new IllegalStateException("topic " + topic + " does not exist, so no flow log is known; start the"
                    + " streams app or publish a network's flow logs first");
        }
        subscriptionReader.assign(partitions);
        subscriptionReader.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = subscriptionReader.endOffsets(partitions);
        while (end.entrySet().stream().anyMatch(e -> subscriptionReader.position(e.getKey()) < e.getValue())) {
            pollSubscriptions(Duration.ofMillis(200));
        }
    }

    private void pollSubscriptions(Duration timeout) {
        for (ConsumerRecord<String, FlowLogSubscription> r : subscriptionReader.poll(timeout)) {
            if (r.value() == null) {
                subscriptions.remove(r.key());
            } else {
                subscriptions.put(r.key(), r.value());
            }
        }
    }

    private void run() {
        try {
            while (!closing) {
                pollSubscriptions(Duration.ZERO);
                for (ConsumerRecord<String, FlowLogRecord> r : records.poll(config.pollTimeout())) {
                    write(r);
                }
                upload(batches.publishDue(clock.instant()));
                commit();
            }
            upload(batches.publishAll());
            commit();
        } catch (WakeupException e) {
            try {
                upload(batches.publishAll());
                commit();
            } catch (IOException | RuntimeException inner) {
                fail(inner);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            records.close();
            subscriptionReader.close();
            stopped.countDown();
        }
    }

    private void upload(List<Path> published) {
        if (uploader != null) {
            published.forEach(uploader::submit);
        }
    }

    private void fail(Throwable e) {
        failure = e;
        batches.abandonAll();
        LOG.error("flow-log file sink stopped without committing; unpublished files deleted", e);
    }

    /**
     * Writes the record into its file's batch. It counts as read only once that is done (the batch's period comes from
     * the clock), so whoever sees the count go up also sees the record in its batch.
     */
    private void write(ConsumerRecord<String, FlowLogRecord> r) throws IOException {
        try {
            writeToBatch(r);
        } finally {
            counters.recordRead();
        }
    }

    private void writeToBatch(ConsumerRecord<String, FlowLogRecord> r) throws IOException {
        FlowLogRecord record = r.value();
        if (record == null) {
            counters.recordInvalid();
            return;
        }
        FlowLogSubscription subscription = subscriptions.get(record.getSubscriptionId());
        if (subscription == null) {
            counters.recordUnknownFlowLog();
            return;
        }
        FileBatches.FileKey key;
        FlowLogFormat format;
        try {
            Optional<S3Destination> destination = S3Destination.parse(subscription.getDestination());
            if (destination.isEmpty()) {
                counters.recordNotS3();
                return;
            }
            key = new FileBatches.FileKey(destination.get().under(config.root()),
                    orElse(subscription.getAccountId(), record.getAccountId()),
                    orElse(subscription.getRegion(), record.getRegion()), subscription.getFlowLogId());
            format = FlowLogFormat.parseOrDefault(blankToNull(subscription.getLogFormat()));
        } catch (IllegalArgumentException e) {
            counters.recordInvalid();
            LOG.debug("record of flow log {} not written: {}", subscription.getFlowLogId(), e.getMessage());
            return;
        }
        batches.write(key, format, FlowLogText.format(record, format), clock.instant(),
                new TopicPartition(r.topic(), r.partition()), r.offset());
    }

    private void commit() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : records.assignment()) {
            positions.put(tp, records.position(tp));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batches.committable(positions).forEach((tp, offset) -> {
            if (!offset.equals(committed.get(tp))) {
                offsets.put(tp, new OffsetAndMetadata(offset));
            }
        });
        if (!offsets.isEmpty()) {
            records.commitSync(offsets);
            offsets.forEach((tp, offset) -> committed.put(tp, offset.offset()));
            counters.committed();
        }
    }

    /** A partition moving to another instance takes its uncommitted records along: publish and commit first. */
    private final class PublishOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || failure != null) {
                return;
            }
            try {
                upload(batches.publishAll());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            commit();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // offsets of lost partitions can no longer be committed; their records will be written again
            try {
                upload(batches.publishAll());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public FileSinkCounters counters() {
        return counters;
    }

    /** Why the sink stopped on its own, or empty while it runs or after a clean close. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Published files waiting for their upload to S3; 0 without a bucket. */
    public int pendingUploads() {
        return uploader == null ? 0 : uploader.pending();
    }

    /** Flow logs known from the subscriptions topic. */
    public int knownFlowLogs() {
        return subscriptions.size();
    }

    /** Publishes the open files, commits their offsets and stops. */
    @Override
    public void close() {
        if (thread != null) {
            closing = true;
            records.wakeup();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (uploader != null) {
            uploader.close();   // after the last files were published above
        }
        if (thread == null) {
            return;
        }
        LOG.info("flow-log file sink stopped; counters {}", counters.snapshot());
    }
}
