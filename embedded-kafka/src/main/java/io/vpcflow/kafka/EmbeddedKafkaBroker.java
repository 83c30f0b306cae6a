package io.vpcflow.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka (KRaft, combined broker and controller roles) running inside this JVM.
 *
 * <p>Inert until {@link #start()}: that formats fresh storage in a temporary directory, starts
 * {@link KafkaRaftServer} and returns once an AdminClient can describe the cluster. {@link #close()}
 * stops the server and deletes the storage. Topics are never auto-created. {@link #stop()} and {@link #restart()}
 * take the broker away and bring it back on the same port and storage, for fault tests.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final EmbeddedKafkaConfig config;
    private KafkaRaftServer server;
    private Path storageDir;
    private String bootstrapServers;
    private String saslBootstrapServers;
    private String sslBootstrapServers;
    /** The server's properties, kept so that {@link #restart()} comes back on the same ports and log directory. */
    private Map<String, String> serverProps;

    public EmbeddedKafkaBroker(EmbeddedKafkaConfig config) {
        this.config = config;
    }

    /**
     * Formats storage, starts the server and waits until it serves admin requests. If another
     * process grabs the chosen port between the check and the bind, retries once on a free port.
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("embedded Kafka broker already started at " + bootstrapServers);
        }
        long startNanos = System.nanoTime();
        int clientPort = FreePorts.preferredOrFree(config.preferredPort());
        try {
            startOn(clientPort);
        } catch (RuntimeException e) {
            if (!isBindFailure(e)) {
                throw e;
            }
            LOG.warn("port {} was taken while the embedded Kafka broker started; retrying on a free port", clientPort);
            startOn(FreePorts.anyFree());
        }
        LOG.info("embedded Kafka broker ready at {} in {} ms (storage {})",
                bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), storageDir);
    }

    private void startOn(int clientPort) {
        storageDir = createStorageDir();
        Path logDir = storageDir.resolve("kraft-combined-logs");
        Map<String, String> props = BrokerProperties.of(clientPort, FreePorts.anyFree(), logDir, config.brokerOverrides());
        int saslPort = config.saslPlainUsers().isEmpty() ? 0 : FreePorts.anyFree();
        if (saslPort != 0) {
            props = BrokerProperties.withSaslPlain(props, saslPort, config.saslPlainUsers());
        }
        int tlsPort = config.tls() == null ? 0 : FreePorts.anyFree();
        if (tlsPort != 0) {
            props = BrokerProperties.withTls(props, tlsPort, config.tls());
        }
        try {
            format(logDir.toString());
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            serverProps = props;
            bootstrapServers = "127.0.0.1:" + clientPort;
            saslBootstrapServers = saslPort == 0 ? null : "127.0.0.1:" + saslPort;
            sslBootstrapServers = tlsPort == 0 ? null : "127.0.0.1:" + tlsPort;
            awaitReady();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded Kafka broker failed to start in " + storageDir, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops the server as a crash or maintenance would, keeping its storage and ports: clients see the broker go
     * away. {@link #restart()} brings it back with its topics and data. For fault tests.
     */
    public synchronized void stop() {
        if (server == null) {
            throw new IllegalStateException("embedded Kafka broker not running");
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("embedded Kafka broker at {} stopped; storage {} kept for restart()", bootstrapServers, storageDir);
    }

    /** Starts a {@link #stop() stopped} broker again on the same port and storage, and waits until it serves. */
    public synchronized void restart() {
        if (server != null || serverProps == null) {
            throw new IllegalStateException("restart() needs a broker that was started and then stopped");
        }
        try {
            server = new KafkaRaftServer(new KafkaConfig(serverProps, false), Time.SYSTEM);
            server.startup();
            awaitReady();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker failed to restart in " + storageDir, e);
        }
        LOG.info("embedded Kafka broker restarted at {}", bootstrapServers);
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}; only valid after {@link #start()}. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("embedded Kafka broker not started");
        }
        return bootstrapServers;
    }

    /**
     * {@code host:port} of the SASL_PLAINTEXT listener (PLAIN mechanism, the users of
     * {@link EmbeddedKafkaConfig#saslPlainUsers()}); only valid after {@link #start()} of a broker configured with
     * users.
     */
    public synchronized String saslBootstrapServers() {
        if (saslBootstrapServers == null) {
            throw new IllegalStateException(bootstrapServers == null ? "embedded Kafka broker not started"
                    : "embedded Kafka broker has no SASL listener: configure EmbeddedKafkaConfig.withSaslPlainUsers");
        }
        return saslBootstrapServers;
    }

    /**
     * {@code host:port} of the SSL listener (the key store of {@link EmbeddedKafkaConfig#tls()}); only valid after
     * {@link #start()} of a broker configured with one.
     */
    public synchronized String sslBootstrapServers() {
        if (sslBootstrapServers == null) {
            throw new IllegalStateException(bootstrapServers == null ? "embedded Kafka broker not started"
                    : "embedded Kafka broker has no SSL listener: configure EmbeddedKafkaConfig.withTlsListener");
        }
        return sslBootstrapServers;
    }

    /** The temporary storage directory, or {@code null} before start. Deleted by {@link #close()}. */
    public synchronized Path storageDir() {
        return storageDir;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
        bootstrapServers = null;
        saslBootstrapServers = null;
        sslBootstrapServers = null;
        serverProps = null;
        if (storageDir != null) {
            deleteRecursively(storageDir);
            LOG.info("embedded Kafka broker stopped, storage {} deleted", storageDir);
            storageDir = null;
        }
    }

    private Path createStorageDir() {
        try {
            return config.storageParent() == null
                    ? Files.createTempDirectory("vpcflow-kafka-")
                    : Files.createTempDirectory(Files.createDirectories(config.storageParent()), "vpcflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create embedded Kafka storage directory", e);
        }
    }

    private static void format(String logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(BrokerProperties.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }

    private void awaitReady() throws Exception {
        long timeoutMs = config.startTimeout().toMillis();
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        try (Admin admin = Admin.create(adminProps)) {
            admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete embedded Kafka storage " + dir, e);
        }
    }
}
