package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.schemas.security.ClientSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkConfigTest {
    @Test
    void toStringMasksSecretProducerSettings() {
        KafkaSinkConfig config = new KafkaSinkConfig("broker:9093", "vpcflow", 6, "lz4", 5, 1024, null, false,
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                        "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"jaas-s3cret\";",
                        "ssl.truststore.password", "truststore-s3cret"));
        assertThat(config.toString()).doesNotContain("s3cret").contains("sasl.jaas.config=***")
                .contains("ssl.truststore.password=***").contains("security.protocol=SASL_SSL")
                .contains("sasl.mechanism=SCRAM-SHA-256");
        assertThat(config.producerOverrides().get("sasl.jaas.config")).contains("jaas-s3cret");
    }

    @Test
    void securityReachesEveryClientAndTheSerdeButNotToString() {
        ClientSecurity security = ClientSecurity.NONE.withKafka("security.protocol", "SASL_PLAINTEXT")
                .withKafka("sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p-s3cret\";")
                .withRegistryAuth(ClientSecurity.parseUserInfo("reader:r-s3cret"));
        KafkaSinkConfig config = KafkaSinkConfig.defaults("broker:9093").withSchemaRegistry("http://registry:8081")
                .withSecurity(security);

        assertThat(KafkaEventSink.producerProperties(config)).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsKey("sasl.jaas.config");
        assertThat(config.serdeConfig().basicAuth().password()).isEqualTo("r-s3cret");
        assertThat(config.withPartitions(2).security()).isEqualTo(security);
        assertThat(config.toString()).doesNotContain("s3cret").contains("security.protocol=SASL_PLAINTEXT");
    }
}
