package io.vpcflow.testfixtures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;

/**
 * A Kafka broker for integration tests, one per JVM, started on first use and stopped when the JVM
 * exits. Uses the Testcontainers Kafka module (official {@code apache/kafka} image) when a Docker
 * engine answers, else the in-process {@link EmbeddedKafkaBroker}. Either way topics are never
 * auto-created, internal topics have replication factor 1 (exactly-once works) and consumer groups
 * rebalance without the initial delay.
 *
 * <p>System properties: {@value #MODE_PROPERTY} = {@code auto} (default), {@code embedded} or
 * {@code docker}; {@value #IMAGE_PROPERTY} overrides the image (default {@value #DEFAULT_IMAGE}).
 */
public final class KafkaFixture {

    public static final String MODE_PROPERTY = "vpcflow.kafka.fixture";
    public static final String IMAGE_PROPERTY = "vpcflow.kafka.image";
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
    private static KafkaFixture shared;

    private final String bootstrapServers;
    private final boolean docker;

    private KafkaFixture(String bootstrapServers, boolean docker) {
        this.bootstrapServers = bootstrapServers;
        this.docker = docker;
    }

    /** The JVM's broker, started on the first call. */
    public static synchronized KafkaFixture shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether the broker runs in a Docker container (else in this JVM). */
    public boolean usesDocker() {
        return docker;
    }

    private static KafkaFixture start() {
        String mode = System.getProperty(MODE_PROPERTY, "auto");
        boolean useDocker = switch (mode) {
            case "docker" -> true;
            case "embedded" -> false;
            case "auto" -> DockerClientFactory.instance().isDockerAvailable();
            default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or docker, not " + mode);
        };
        return useDocker ? startContainer() : startEmbedded();
    }

    private static KafkaFixture startContainer() {
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        long t0 = System.nanoTime();
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-fixture-stop"));
        LOG.info("Kafka fixture: Docker container {} at {} (started in {} ms)",
                image, container.getBootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        return new KafkaFixture(container.getBootstrapServers(), true);
    }

    private static KafkaFixture startEmbedded() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults());
        long t0 = System.nanoTime();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-fixture-stop"));
        LOG.info("Kafka fixture: no Docker, embedded KRaft broker at {} (started in {} ms)",
                broker.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        return new KafkaFixture(broker.bootstrapServers(), false);
    }
}
