package io.vpcflow.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server.properties of a single combined broker+controller KRaft node. Replication settings are
 * all 1 so that internal topics (offsets, transaction state) can be created on one node and
 * exactly-once producers work.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String SASL_LISTENER = "SASL_PLAINTEXT";
    static final String TLS_LISTENER = "SSL";

    private BrokerProperties() {
    }

    static Map<String, String> of(int clientPort, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.replication.factor", "1");
        // one partition: the group coordinator is ready as soon as that single partition loads
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }

    /**
     * {@code base} with a second client listener, SASL_PLAINTEXT on {@code saslPort}, that accepts the PLAIN
     * mechanism for {@code users} (name to password). The broker talks to itself over the plaintext listener.
     */
    static Map<String, String> withSaslPlain(Map<String, String> base, int saslPort, Map<String, String> users) {
        Map<String, String> p = withListener(base, SASL_LISTENER, saslPort);
        String prefix = "listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".";
        p.put(prefix + "sasl.enabled.mechanisms", "PLAIN");
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                .append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        p.put(prefix + "plain.sasl.jaas.config", jaas.append(';').toString());
        return p;
    }

    /** {@code base} with a client listener, SSL on {@code tlsPort}, presenting the key store of {@code tls}. */
    static Map<String, String> withTls(Map<String, String> base, int tlsPort, EmbeddedKafkaConfig.TlsListener tls) {
        Map<String, String> p = withListener(base, TLS_LISTENER, tlsPort);
        String prefix = "listener.name." + TLS_LISTENER.toLowerCase(Locale.ROOT) + ".";
        p.put(prefix + "ssl.keystore.type", "PKCS12");
        p.put(prefix + "ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
        p.put(prefix + "ssl.keystore.password", tls.password());
        p.put(prefix + "ssl.key.password", tls.password());
        return p;
    }

    /** A listener named after its security protocol, on 127.0.0.1, advertised as it is. */
    private static Map<String, String> withListener(Map<String, String> base, String protocol, int port) {
        Map<String, String> p = new HashMap<>(base);
        String listener = protocol + "://127.0.0.1:" + port;
        p.put("listeners", p.get("listeners") + "," + listener);
        p.put("advertised.listeners", p.get("advertised.listeners") + "," + listener);
        p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + "," + protocol + ":"
                + protocol);
        return p;
    }
}
