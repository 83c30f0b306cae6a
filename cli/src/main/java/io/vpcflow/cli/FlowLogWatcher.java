package io.vpcflow.cli;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Counts the flow-log records the pipeline publishes (and prints their text lines when asked), for the demo's
 * summary line. Reads committed records only, as any downstream consumer of an exactly-once pipeline should.
 */
final class FlowLogWatcher implements AutoCloseable {
    private final String bootstrapServers;
    private final ClientSecurity security;
    private final VpcflowTopics topics;
    private final PrintWriter printLines;
    private final LongAdder records = new LongAdder();
    private final LongAdder rejects = new LongAdder();
    private final LongAdder noData = new LongAdder();
    private final LongAdder skipData = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    FlowLogWatcher(String bootstrapServers, ClientSecurity security, VpcflowTopics topics, PrintWriter printLines) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.topics = topics;
        this.printLines = printLines;
    }

    void start() {
        thread = new Thread(this::run, "demo-flow-log-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<String, Object> props = security.applyTo(new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "vpcflow-demo-watcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")));
        try (KafkaConsumer<String, FlowLogRecord> records = new KafkaConsumer<>(props,
                topics.flowLogs().keySerde().deserializer(), topics.flowLogs().valueSerde().deserializer());
             KafkaConsumer<String, String> lines = new KafkaConsumer<>(props,
                     topics.flowLogLines().keySerde().deserializer(),
                     topics.flowLogLines().valueSerde().deserializer())) {
            records.subscribe(List.of(topics.flowLogs().name()));
            lines.subscribe(List.of(topics.flowLogLines().name()));
            while (running.get()) {
                for (ConsumerRecord<String, FlowLogRecord> r : records.poll(Duration.ofMillis(200))) {
                    count(r.value());
                }
                for (ConsumerRecord<String, String> line : lines.poll(Duration.ofMillis(printLines == null ? 0 : 200))) {
                    if (printLines != null) {
                        printLines.println(line.key() + " " + line.value());
                        printLines.flush();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(FlowLogRecord r) {
        records.increment();
        if (r.getAction() == Action.REJECT) {
            rejects.increment();
        }
        if (r.getLogStatus() == LogStatus.NODATA) {
            noData.increment();
        } else if (r.getLogStatus() == LogStatus.SKIPDATA) {
            skipData.increment();
        }
    }

    long records() {
        return records.sum();
    }

    String summary() {
        return "flow-log records " + records.sum() + " (REJECT " + rejects.sum() + ", NODATA " + noData.sum()
                + ", SKIPDATA " + skipData.sum() + ")";
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
