package io.vpcflow.schemas.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import io.vpcflow.schemas.serde.SerdeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientSecurityTest {
    private static final ClientSecurity SECURE = ClientSecurity.NONE
            .withKafka("security.protocol", "SASL_SSL")
            .withKafka("sasl.mechanism", "PLAIN")
            .withKafka("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"u\" password=\"jaas-s3cret\";")
            .withKafka("ssl.keystore.password", "keystore-s3cret")
            .withKafka("ssl.key.password", "key-s3cret")
            .withKafka("ssl.truststore.location", "/etc/truststore.p12")
            .withRegistryAuth(ClientSecurity.parseUserInfo("registry-user:registry:s3cret"));

    @Test
    void toStringMasksEverySecretAndKeepsTheRest() {
        String text = SECURE.toString();
        assertThat(text).doesNotContain("s3cret").contains("sasl.jaas.config=***")
                .contains("ssl.keystore.password=***").contains("ssl.key.password=***")
                .contains("security.protocol=SASL_SSL").contains("/etc/truststore.p12").contains("registry-user");
    }

    @Test
    void clientsGetTheRealValues() {
        Properties p = SECURE.applyTo(new Properties());
        assertThat(p.getProperty("sasl.jaas.config")).contains("jaas-s3cret");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        SerdeConfig serde = SECURE.applyTo(SerdeConfig.withRegistry("https://registry.example.com"));
        assertThat(serde.basicAuth().password()).isEqualTo("registry:s3cret");
        assertThat(serde.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sasl.jaas.config,true", "ssl.keystore.password,true", "ssl.truststore.password,true",
            "ssl.key.password,true", "ssl.keystore.key,true", "sasl.oauthbearer.client.credentials.client.secret,true",
            "sasl.mechanism,false", "ssl.truststore.location,false", "security.protocol,false"})
    void secretKeys(String key, boolean secret) {
        assertThat(ClientSecurity.isSecret(key)).isEqualTo(secret);
    }

    @Test
    void onlySecuritySettingsAndKnownProtocols() {
        assertThatThrownBy(() -> new ClientSecurity(Map.of("acks", "0"), null))
                .hasMessageContaining("'acks' is not a Kafka client security setting");
        assertThatThrownBy(() -> ClientSecurity.NONE.withKafka("security.protocol", "TLS"))
                .hasMessageContaining("not 'TLS'");
        assertThatThrownBy(() -> ClientSecurity.parseUserInfo("no-colon"))
                .hasMessage("registry credentials must be user:password");
    }
}
