package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

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
}
