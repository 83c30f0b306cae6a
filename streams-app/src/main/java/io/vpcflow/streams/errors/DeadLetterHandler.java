package io.vpcflow.streams.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every input record that cannot be deserialized to the dead-letter topic and lets processing go on
 * (Kafka Streams' KIP-1034 dead-letter support: the returned record is produced in the task's transaction, so under
 * exactly-once the dead letter and the skipped offset commit together).
 *
 * <p>A dead letter keeps the original key and value bytes and carries headers {@value #REASON}, {@value #TOPIC},
 * {@value #PARTITION}, {@value #OFFSET}, {@value #EXCEPTION} and {@value #MESSAGE} (UTF-8 text). Each one counts in
 * {@code vpcflow_dead_letters_total{reason}}.
 *
 * <p>Kafka Streams instantiates the handler from config, so its collaborators come through the config map:
 * {@link StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG} names the topic (required) and
 * {@value #METER_REGISTRY_CONFIG} holds the {@link MeterRegistry} object (Micrometer's global registry when absent).
 * {@link #configure(java.util.Properties, String, MeterRegistry)} sets all three.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    /** Config key whose value is the {@link MeterRegistry} instance the counter registers in. */
    public static final String METER_REGISTRY_CONFIG = "vpcflow.dead-letters.meter-registry";
    public static final String METRIC = "vpcflow.dead.letters";

    public static final String REASON = "vpcflow.dead-letter.reason";
    public static final String TOPIC = "vpcflow.dead-letter.topic";
    public static final String PARTITION = "vpcflow.dead-letter.partition";
    public static final String OFFSET = "vpcflow.dead-letter.offset";
    public static final String EXCEPTION = "vpcflow.dead-letter.exception";
    public static final String MESSAGE = "vpcflow.dead-letter.message";

    /** Reason of a record whose value bytes are empty. */
    public static final String EMPTY_VALUE = "empty_value";
    /** Reason of a record whose bytes are not a value of the topic's schema (garbage, wrong schema, truncated). */
    public static final String UNDECODABLE = "undecodable_record";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final int MAX_MESSAGE_CHARS = 1_000;

    private String deadLetterTopic;
    private MeterRegistry registry = Metrics.globalRegistry;

    /** Puts the handler, its topic and its registry into Kafka Streams properties. */
    public static void configure(java.util.Properties streamsProperties, String deadLetterTopic,
                                 MeterRegistry registry) {
        streamsProperties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        streamsProperties.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        streamsProperties.put(METER_REGISTRY_CONFIG, registry);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalArgumentException(DeadLetterHandler.class.getSimpleName() + " needs "
                    + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        }
        deadLetterTopic = topic.toString();
        Object value = configs.get(METER_REGISTRY_CONFIG);
        if (value instanceof MeterRegistry r) {
            registry = r;
        } else if (value != null) {
            throw new IllegalArgumentException(METER_REGISTRY_CONFIG + " must be a MeterRegistry, not "
                    + value.getClass().getName());
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        String reason = record.value() != null && record.value().length == 0 ? EMPTY_VALUE : UNDECODABLE;
        LOG.warn("dead letter ({}): {}-{} offset {}: {}", reason, record.topic(), record.partition(),
                record.offset(), exception.getMessage());
        Counter.builder(METRIC).description("input records sent to the dead-letter topic").tag("reason", reason)
                .register(registry).increment();
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, REASON, reason);
        add(headers, TOPIC, record.topic());
        add(headers, PARTITION, String.valueOf(record.partition()));
        add(headers, OFFSET, String.valueOf(record.offset()));
        add(headers, EXCEPTION, exception.getClass().getName());
        add(headers, MESSAGE, truncate(String.valueOf(exception.getMessage())));
        return Response.resume(List.of(new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(),
                headers)));
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
