package io.vpcflow.streams.metrics;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsServerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryAndHealthAndRefusesTheRest() throws Exception {
        Counter.builder("vpcflow.test.things").tag("kind", "a").register(registry).increment(3);
        try (MetricsServer server = new MetricsServer(MetricsConfig.on("127.0.0.1", 0), registry)) {
            assertThat(server.port()).isEqualTo(-1);
            server.start();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(server.url()).isEqualTo(base + "/metrics");

            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("vpcflow_test_things_total{kind=\"a\"} 3.0");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build()).body()).isEqualTo("ok\n");
            HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/other")).build()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTakenPortIsAnErrorNamingHostAndPort() {
        try (MetricsServer first = new MetricsServer(MetricsConfig.on("127.0.0.1", 0), registry)) {
            first.start();
            MetricsServer second = new MetricsServer(MetricsConfig.on("127.0.0.1", first.port()), registry);
            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot listen for metrics on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> MetricsConfig.on("127.0.0.1", 70_000)).hasMessage(
                "metrics-port must be 0..65535, got 70000");
        assertThatThrownBy(() -> MetricsConfig.on(" ", 9464)).hasMessage("metrics-host must not be blank");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
