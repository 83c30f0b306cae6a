package io.vpcflow.generator;

import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.topic.TopicReadiness;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends packet events to {@code <prefix>.packet-events}, keyed by interface id so that one interface's events stay
 * in order in one partition. The producer is idempotent with {@code acks=all}, so it rides out a broker outage of
 * up to {@code delivery.timeout.ms} (120 s unless overridden in {@link KafkaSinkConfig#producerOverrides()}) with no
 * event lost or duplicated; {@link OutageMonitor} logs when acknowledgements stop and when they resume, and
 * {@link #outages()} counts them. A send that still fails is fatal: the next {@link #send} or {@link #flush()}
 * throws. Topics that are missing are created at {@link #start()}.
 * Sending happens on a thread of its own ({@link SendPipeline}), fed in order by the generating thread.
 */
public final class KafkaEventSink implements EventSink {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Kafka's default {@code delivery.timeout.ms}: how long an outage the sink rides out unless overridden. */
    static final int DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;
    /** Sends waiting this long without any acknowledgement count as an outage (reported, not fatal). */
    static final Duration OUTAGE_THRESHOLD = Duration.ofSeconds(5);

    private final KafkaSinkConfig config;
    private final Topic<String, PacketEvent> topic;
    private final String ledgerTopicName;
    private final GeneratorStats stats;
    private final Callback onCompletion;
    private final Serializer<String> keySerializer;
    private final Serializer<PacketEvent> valueSerializer;
    private final MeterRegistry registry;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private SendPipeline pipeline;
    private OutageMonitor outages;
    private volatile Exception failure;

    public KafkaEventSink(KafkaSinkConfig config, GeneratorStats stats) {
        this(config, stats, null);
    }

    /** A sink whose producer's metrics ({@code kafka_producer_...}) are bound to the registry, unless it is null. */
    public KafkaEventSink(KafkaSinkConfig config, GeneratorStats stats, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.stats = stats;
        AvroSerdes serdes = new AvroSerdes(config.serdeConfig());
        VpcflowTopics topics = VpcflowTopics.create(config.topicPrefix(), serdes);
        this.topic = topics.packetEvents();
        this.ledgerTopicName = topics.ledger().name();
        this.keySerializer = topic.keySerde().serializer();
        this.valueSerializer = topic.valueSerde().serializer();
        this.onCompletion = (metadata, e) -> {
            if (e != null) {
                if (stats != null) {
                    stats.sendError();
                }
                if (failure == null) {
                    failure = e;
                }
            }
        };
    }

    private static long deliveryTimeoutMs(KafkaSinkConfig config) {
        String value = config.producerOverrides().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        return value == null ? DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(value.strip());
    }

    /** Kafka outages seen so far: sends waited {@link #OUTAGE_THRESHOLD} without any acknowledgement. */
    public long outages() {
        return outages == null ? 0 : outages.outages();
    }

    public String topicName() {
        return topic.name();
    }

    public String ledgerTopicName() {
        return ledgerTopicName;
    }

    /** The producer settings, also what the benchmark hands to ProducerPerformance. */
    public static Map<String, Object> producerProperties(KafkaSinkConfig config) {
        Map<String, Object> p = config.security().applyTo(new HashMap<>(config.producerOverrides()));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        // a full buffer during an outage blocks send() instead of failing it, for as long as a send may take
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, p.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                DEFAULT_DELIVERY_TIMEOUT_MS));
        return p;
    }

    @Override
    public void start() {
        List<String> names = new ArrayList<>(List.of(topic.name()));
        if (config.ledgerTopic()) {
            names.add(ledgerTopicName);
        }
        createMissingTopics(config, names);
        // bytes in, so that the generator can hand over events it encoded itself; keys are the UTF-8 interface id,
        // exactly what the String serializer writes, so partitioning is the same either way
        producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        if (registry != null) {
            producerMetrics = new KafkaClientMetrics(producer);
            producerMetrics.bindTo(registry);
        }
        KafkaProducer<byte[], byte[]> p = producer;
        String name = topic.name();
        outages = new OutageMonitor(config.bootstrapServers(), OUTAGE_THRESHOLD,
                Duration.ofMillis(deliveryTimeoutMs(config)), System::currentTimeMillis);
        outages.start();
        OutageMonitor monitor = outages;
        Callback eventCompletion = (metadata, e) -> {
            if (e == null) {
                monitor.acked();
            }
            onCompletion.onCompletion(metadata, e);
        };
        pipeline = new SendPipeline((key, value, time) -> {
            throwIfFailed();
            monitor.sent();
            p.send(new ProducerRecord<>(name, null, time, key, value), eventCompletion);
        }, "kafka-event-sink");
    }

    @Override
    public void send(PacketEvent event) {
        sendEncoded(keySerializer.serialize(topic.name(), event.getInterfaceId()),
                valueSerializer.serialize(topic.name(), event), event.getEventTime().toEpochMilli());
    }

    /** Single-object encoding can be produced by the generator itself; registry framing is left to the serde. */
    @Override
    public boolean acceptsEncoded() {
        return config.schemaRegistryUrl() == null;
    }

    @Override
    public void sendEncoded(byte[] key, byte[] value, long timestampMillis) {
        throwIfFailed();
        pipeline.add(key, value, timestampMillis);
    }

    @Override
    public Serializer<PacketEvent> serializer() {
        return valueSerializer;
    }

    @Override
    public void flush() {
        if (pipeline != null) {
            pipeline.flush();
        }
        if (producer != null) {
            producer.flush();
        }
        throwIfFailed();
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (producerMetrics != null) {
            producerMetrics.close();
            producerMetrics = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
            producer = null;
        }
        if (outages != null) {
            outages.close();
        }
    }

    /** A ledger listener writing the ledger's JSON lines to {@code <prefix>.ledger} (flows keyed by interface). */
    public Ledger.Listener ledgerWriter() {
        Map<String, Object> props = producerProperties(config);
        KafkaProducer<String, String> ledgerProducer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer());
        return new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                flows.forEach((k, t) -> ledgerProducer.send(new ProducerRecord<>(ledgerTopicName, k.interfaceId(),
                        LedgerJson.flow(k, t)), onCompletion));
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
                attacks.forEach(a -> ledgerProducer.send(new ProducerRecord<>(ledgerTopicName, a.scenario(),
                        LedgerJson.attack(a)), onCompletion));
            }

            @Override
            public void close() {
                ledgerProducer.close(Duration.ofSeconds(30));
            }
        };
    }

    private void throwIfFailed() {
        Exception e = failure;
        if (e != null) {
            throw new IllegalStateException("sending to Kafka failed: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the topics that do not exist yet, with {@code partitions} partitions and the broker's default
     * replication. {@code retention.ms=-1}: simulated runs carry event times in the past (and tests replay fixed
     * start times), which time-based retention would delete at once; these topics are trimmed by the operator.
     */
    static void createMissingTopics(KafkaSinkConfig config, List<String> names) {
        Map<String, Object> adminProps = config.security().applyTo(new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis())));
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, Optional.of(config.partitions()), Optional.empty())
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            TopicReadiness.awaitLeaders(admin, names, ADMIN_TIMEOUT);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names + " on " + config.bootstrapServers()
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer within "
                    + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
