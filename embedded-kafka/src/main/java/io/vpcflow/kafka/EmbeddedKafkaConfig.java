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
 */
public record EmbeddedKafkaConfig(
        int preferredPort,
        Path storageParent,
        Duration startTimeout,
        Map<String, String> brokerOverrides,
        Map<String, String> saslPlainUsers) {

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

    /** Settings without a SASL listener. */
    public EmbeddedKafkaConfig(int preferredPort, Path storageParent, Duration startTimeout,
                               Map<String, String> brokerOverrides) {
        this(preferredPort, storageParent, startTimeout, brokerOverrides, Map.of());
    }

    /** Port 9092 when free, system temp dir, 60 s start timeout, no overrides. */
    public static EmbeddedKafkaConfig defaults() {
        return new EmbeddedKafkaConfig(DEFAULT_PORT, null, Duration.ofSeconds(60), Map.of());
    }

    public EmbeddedKafkaConfig withPreferredPort(int port) {
        return new EmbeddedKafkaConfig(port, storageParent, startTimeout, brokerOverrides, saslPlainUsers);
    }

    public EmbeddedKafkaConfig withBrokerOverrides(Map<String, String> overrides) {
        return new EmbeddedKafkaConfig(preferredPort, storageParent, startTimeout, overrides, saslPlainUsers);
    }

    /** With a SASL_PLAINTEXT (PLAIN) client listener for these users, user name to password. */
    public EmbeddedKafkaConfig withSaslPlainUsers(Map<String, String> users) {
        return new EmbeddedKafkaConfig(preferredPort, storageParent, startTimeout, brokerOverrides, users);
    }
}
