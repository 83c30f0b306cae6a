package io.vpcflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Kafka client security and registry credentials reach every client of the app, and no printed form shows them. */
class ClientSecurityConfigTest {
    private static final Map<String, String> ENV = Map.of(
            "VPCFLOW_STREAMS_KAFKA_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"jaas-s3cret\";",
            "VPCFLOW_STREAMS_KAFKA_SSL_KEYSTORE_PASSWORD", "keystore-s3cret");
    private static final List<String> ARGS = List.of("--kafka.security.protocol=SASL_SSL",
            "--kafka.sasl.mechanism=PLAIN", "--schema-registry-url=https://registry.example.com",
            "--schema-registry-user-info=reader:registry-s3cret");

    @Test
    void secretsReachTheClients() {
        StreamsAppConfig config = StreamsAppConfigLoader.load(ARGS, ENV);
        Properties streams = config.streamsProperties();
        assertThat(streams.getProperty("sasl.jaas.config")).contains("jaas-s3cret");
        assertThat(streams.getProperty("ssl.keystore.password")).isEqualTo("keystore-s3cret");
        assertThat(streams.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.clientProperties()).containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(config.serdeConfig().basicAuth().password()).isEqualTo("registry-s3cret");
    }

    @Test
    void noPrintedFormShowsASecret() {
        StreamsAppConfig config = StreamsAppConfigLoader.load(ARGS, ENV);
        assertThat(config.toString()).doesNotContain("s3cret").contains("security.protocol=SASL_SSL");
        assertThat(StreamsAppConfigLoader.describe(config)).doesNotContain("s3cret")
                .contains("kafka.sasl.jaas.config = ***").contains("schema-registry-user-info = reader:***");
        assertThat(config.serdeConfig().toString()).doesNotContain("s3cret");
    }
}
