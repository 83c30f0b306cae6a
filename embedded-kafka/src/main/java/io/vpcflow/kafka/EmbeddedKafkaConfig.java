package io.vpcflow.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedKafkaBroker}.
 *
 * @param preferredPort     client listener port used when it is free; otherwise any free port is taken
 * @param storageParent     directory under which the broker creates (and on close deletes) its
 *                          temporary storage; {@code null} means {@code java.io.tmpdir}
 * @param startTimeout      how long {@code start()} waits for the broker to answer an AdminClient
 * @param brokerOverrides   extra broker properties, applied last (they win over the defaults)
 * @param saslPlainUsers    users and passwords of a second client listener, SASL_PLAINTEXT with the PLAIN mechanism
 *                          on a free port ({@link EmbeddedKafkaBroker#saslBootstrapServers()}); empty for none, the
 *                          default. The plaintext listener stays, for the broker itself and for admin work
 * @param tls               a third client listener, SSL with this key store on a free port
 *                          ({@link EmbeddedKafkaBroker#sslBootstrapServers()}); {@code null} for none, the default
 */
public record EmbeddedKafkaConfig(
        int preferredPort,
        Path storageParent,
        Duration startTimeout,
        Map<String, String> brokerOverrides,
        Map<String, String> saslPlainUsers,
        TlsListener tls) {

    public static final int DEFAULT_PORT = 9092;

    public EmbeddedKafkaConfig {
        if (preferredPort < 0 || preferredPort > 65_535) {
            throw new IllegalArgumentException("preferredPort " + preferredPort + " is not a TCP port");
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        brokerOverrides = Map.copyOf(brokerOverrides == null ? Map.of() : brokerOverrides);
        saslPlainUsers = Map.copyOf(saslPlainUsers == null ? Map.of() : saslPlainUsers);
        for (String user : saslPlainUsers.keySet()) {
            if (!user.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SASL user '" + user + "': use letters, digits, '.', '_', '-'");
            }
        }
    }

    /**
     * The broker's TLS identity.
     *
     * @param keystore PKCS12 key store with the broker's key and certificate (valid for 127.0.0.1)
     * @param password the key store's password, also the key's
     */
    public record TlsListener(Path keystore, String password) {
        public TlsListener {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "TlsListener[keystore=" + keystore + ", password=***]";
        }
    }

    /** Settings with the plaintext listener only. */
    public EmbeddedKafkaConfig(int preferredPort, Path storageParent, Duration startTimeout,
                               Map<String, String> brokerOverrides) {
        this(preferredPort, storageParent, startTimeout, brokerOverrides, Map.of(), null);
    }

    /** Port 9092 when free, system temp dir, 60 s start timeout, no overrides. */
    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(DEFAULT_PORT, null, Duration.ofSeconds(60), Map.of());
    }

    public EmbeddedKafkaConfig withPreferredPort(int port) {
        return new EmbeddedKafkaConfig(port, storageParent, startTimeout, brokerOverrides, saslPlainUsers, tls);
    }

    public EmbeddedKafkaConfig withBrokerOverrides(Map<String, String> overrides) {
        return new EmbeddedKafkaConfig(preferredPort, storageParent, startTimeout, overrides, saslPlainUsers, tls);
    }

    /** With a SASL_PLAINTEXT (PLAIN) client listener for these users, user name to password. */
    public EmbeddedKafkaConfig withSaslPlainUsers(Map<String, String> users) {
        return new EmbeddedKafkaConfig(preferredPort, storageParent, startTimeout, brokerOverrides, users, tls);
    }

    /** With an SSL client listener that presents this key store. */
    public EmbeddedKafkaConfig withTlsListener(TlsListener listener) {
        return new EmbeddedKafkaConfig(preferredPort, storageParent, startTimeout, brokerOverrides, saslPlainUsers,
                listener);
    }
}
