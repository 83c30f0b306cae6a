package io.vpcflow.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioRegistryFixtureIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheConfluentApiUntilClosed() throws Exception {
        String subjects;
        try (ApicurioRegistryFixture registry = new ApicurioRegistryFixture(ApicurioRegistryConfig.defaults())) {
            registry.start();
            subjects = registry.ccompatUrl() + "/subjects";
            assertThat(registry.ccompatUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(subjects)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[]");
        }
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(subjects)).build(),
                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void missingServerNamesTheBuildCommand(@TempDir Path emptyCheckout) {
        ApicurioRegistryConfig config = new ApicurioRegistryConfig(emptyCheckout, Duration.ofSeconds(5), "64m");
        try (ApicurioRegistryFixture registry = new ApicurioRegistryFixture(config)) {
            assertThatThrownBy(registry::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("./mvnw -pl apicurio-registry install")
                    .hasMessageContaining("quarkus-run.jar");
        }
    }

    @Test
    void findsTheCheckoutRoot() {
        assertThat(RepositoryRoot.find().resolve(".mvn")).isDirectory();
    }

}
