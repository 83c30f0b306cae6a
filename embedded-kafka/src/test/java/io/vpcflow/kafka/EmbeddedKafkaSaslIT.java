package io.vpcflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/** The broker's SASL_PLAINTEXT listener: the configured users get in, a wrong password is refused. */
class EmbeddedKafkaSaslIT {

    @Test
    void saslListenerAcceptsItsUsersAndRefusesAWrongPassword() throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withPreferredPort(0)
                .withSaslPlainUsers(Map.of("alice", "alice-secret", "bob", "pa\"ss\\word"));
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config)) {
            broker.start();
            assertThat(broker.saslBootstrapServers()).isNotEqualTo(broker.bootstrapServers());

            assertThat(clusterId(broker, "alice", "alice-secret")).isNotBlank();
            assertThat(clusterId(broker, "bob", "pa\"ss\\word")).isNotBlank();
            assertThatThrownBy(() -> clusterId(broker, "alice", "wrong"))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void withoutUsersThereIsNoSaslListener() {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults().withPreferredPort(0))) {
            broker.start();
            assertThatThrownBy(broker::saslBootstrapServers).hasMessageContaining("has no SASL listener");
        }
    }

    private static String clusterId(EmbeddedKafkaBroker broker, String user, String password) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
        }
    }
}
