package io.vpcflow.streams.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.vpcflow.schemas.security.ClientSecurity;
import org.junit.jupiter.api.Test;

/** The streams app's file sink gets the app's client security: its consumers and serdes connect as the app does. */
class FileSinkSettingsTest {
    private static final ClientSecurity SASL = ClientSecurity.NONE
            .withKafka("security.protocol", "SASL_SSL")
            .withKafka("sasl.mechanism", "SCRAM-SHA-512")
            .withRegistryAuth(ClientSecurity.parseUserInfo("vpcflow:registry-secret"));

    @Test
    void theSinkConfigCarriesTheAppsSecurityIntoItsSerdes() {
        FileSinkConfig config = new FileSinkSettings(Path.of("outbox"), null)
                .toConfig("broker:9093", "vpcflow", "https://registry:8081", "app-file-sink", SASL);

        assertThat(config.security()).isEqualTo(SASL);
        assertThat(config.serdeConfig().basicAuth()).isNotNull();
        assertThat(config.serdeConfig().basicAuth().username()).isEqualTo("vpcflow");
        assertThat(config.withRoot(Path.of("other")).security()).isEqualTo(SASL);
    }

    @Test
    void withoutSecurityTheSinkIsPlaintext() {
        FileSinkConfig config = FileSinkConfig.defaults();

        assertThat(config.security()).isEqualTo(ClientSecurity.NONE);
        assertThat(config.withSecurity(SASL).withGroupId("g").security()).isEqualTo(SASL);
    }
}
