package io.vpcflow.streams.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogParseException;
import io.vpcflow.schemas.flowlog.ParsedLine;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes real flow-log records, read from files as AWS delivers them (see {@link FlowLogInputs} and
 * {@link FlowLogFileReader}), to {@code <prefix>.flow-logs} ({@code FlowLogRecord}, key interface id, the same
 * topic the streams app writes), so the stores, detectors and dashboards work on a user's own AWS data. Each
 * record's Kafka timestamp is its {@code end}, so windows and retention see the time the traffic happened; see
 * {@link IngestTopic} for why the topic must then not delete by age. Reads no topic.
 *
 * <p>The producer is idempotent with {@code acks=all}: a record the broker acknowledged is stored once. A bad line
 * is reported and skipped; a file that cannot be read to its end is reported and counted; a record the broker
 * refuses is fatal ({@link #ingest} throws). Running ingest twice on the same files publishes the records twice.
 *
 * <p>Inert until {@link #start()}, which creates or checks the topic.
 */
public final class FlowLogIngest implements AutoCloseable {
    private static final int PROGRESS_EVERY_LINES = 5_000;

    /** Where ingest reports what the user should see. */
    public interface Listener {
        void badLine(Path file, int lineNumber, String problem);

        /** Something about the run as a whole or a file: a created topic, a retention warning, an unreadable file. */
        void note(String message);

        /** Counts so far; called every few thousand lines. */
        default void progress(IngestSummary soFar) {
        }
    }

    private final IngestConfig config;
    private final Listener listener;
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private Topic<String, FlowLogRecord> topic;
    private KafkaProducer<String, FlowLogRecord> producer;
    private long files;
    private long skipped;
    private long headers;
    private long records;
    private long unreadable;

    public FlowLogIngest(IngestConfig config, Listener listener) {
        this.config = config;
        this.listener = listener;
    }

    public void start() throws InterruptedException {
        topic = VpcflowTopics.create(config.topicPrefix(), new AvroSerdes(config.serdeConfig())).flowLogs();
        try (Admin admin = Admin.create(adminProperties())) {
            IngestTopic.ensure(admin, topic.name(), config.partitions(), config.replicationFactor(),
                    config.fixRetention()).forEach(listener::note);
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.security().applyTo(p);
        producer = new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private Map<String, Object> adminProperties() {
        return config.security().applyTo(new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000)));
    }

    /** The flow-logs topic records go to. */
    public String topicName() {
        return topic.name();
    }

    /** Publishes the records of every file in order; returns the totals of this and earlier calls. */
    public IngestSummary ingest(List<Path> paths) {
        for (Path file : paths) {
            ingestFile(file);
        }
        return summary();
    }

    private void ingestFile(Path file) {
        String flowLogId = flowLogIdOf(file);
        FileListener lines = new FileListener(file, flowLogId);
        try (InputStream in = FlowLogFileReader.open(file)) {
            FlowLogFileReader.read(in, config.formatOrDefault(), lines);
        } catch (IOException | UncheckedIOException e) {
            unreadable++;
            listener.note(file + ": cannot read to the end (" + e.getMessage() + "); records before that are"
                    + " published");
        }
        files++;
        producer.flush();
        throwIfSendFailed();
        listener.progress(summary());
    }

    private String flowLogIdOf(Path file) {
        if (config.flowLogId() != null) {
            return config.flowLogId();
        }
        return S3FileName.parse(file.getFileName().toString()).map(S3FileName::flowLogId).orElseGet(() -> {
            listener.note(file + ": the name carries no flow-log id (not AWS's <account>_vpcflowlogs_<region>"
                    + "_<fl-id>_... name); its records get subscriptionId '" + IngestConfig.NO_FLOW_LOG_ID
                    + "'. Give --flow-log-id to name the flow log.");
            return IngestConfig.NO_FLOW_LOG_ID;
        });
    }

    private void send(FlowLogRecord record) {
        throwIfSendFailed();
        long timestamp = record.getEnd().toEpochMilli();
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, record.getInterfaceId(), record),
                (metadata, e) -> {
                    if (e == null) {
                        published.incrementAndGet();
                    } else {
                        sendFailure.compareAndSet(null, e);
                    }
                });
    }

    private void throwIfSendFailed() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new IllegalStateException("the broker refused a record for " + topic.name() + ": "
                    + e.getMessage(), e);
        }
    }

    public IngestSummary summary() {
        return new IngestSummary(files, records + skipped + headers, published.get(), skipped, headers, unreadable);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }

    /** Turns one file's lines into records, with the file's flow-log id. */
    private final class FileListener implements FlowLogFileReader.Listener {
        private final Path file;
        private final String flowLogId;

        FileListener(Path file, String flowLogId) {
            this.file = file;
            this.flowLogId = flowLogId;
        }

        @Override
        public void record(int lineNumber, ParsedLine line) {
            FlowLogRecord record;
            try {
                record = line.toRecord(flowLogId);
            } catch (FlowLogParseException e) {
                badLine(lineNumber, e.getMessage());
                return;
            }
            records++;
            send(record);
            tick();
        }

        @Override
        public void badLine(int lineNumber, String problem) {
            skipped++;
            listener.badLine(file, lineNumber, problem);
            tick();
        }

        @Override
        public void header(int lineNumber, FlowLogFormat format, boolean changed) {
            headers++;
            if (changed && config.format() != null) {
                listener.note(file + ":" + lineNumber + ": header names other fields than --format; reading the"
                        + " lines after it with the header's: " + format.header());
            }
        }

        private void tick() {
            if ((records + skipped) % PROGRESS_EVERY_LINES == 0) {
                listener.progress(summary());
            }
        }
    }
}
