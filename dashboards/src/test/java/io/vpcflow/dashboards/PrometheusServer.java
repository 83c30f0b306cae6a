package io.vpcflow.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus ({@code prometheus} from PATH, Debian package {@code prometheus}) on a free 127.0.0.1 port with a
 * temporary storage directory, scraping one target every second. Inert until {@link #start()}; {@link #close()} stops
 * it and deletes its directory. Never uses the system service the Debian package may have started.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private Process process;
    private int port;

    /** {@code target}: host:port serving /metrics. */
    PrometheusServer(String target) {
        this.target = target;
    }

    void start() throws IOException, InterruptedException {
        Path binary = ExternalCommand.require("prometheus", "apt-get install prometheus (Debian), as .ci/run does");
        dir = Files.createTempDirectory("vpcflow-prometheus");
        port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: vpcflow-demo
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s"]
                """.formatted(target));
        process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        awaitReady(Instant.now().plusSeconds(60));
    }

    /** Series returned by an instant query at now; an AssertionError naming the query if Prometheus rejects it. */
    int seriesCount(String expr) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus rejected " + expr + ": " + body.path("error").asText());
        }
        JsonNode data = body.path("data");
        return "scalar".equals(data.path("resultType").asText()) ? 1 : data.path("result").size();
    }

    /** Every metric name Prometheus has, for failure messages. */
    List<String> metricNames() {
        List<String> names = new ArrayList<>();
        get("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Whether the last scrape of the target succeeded. */
    boolean targetUp() {
        return seriesCount("up{job=\"vpcflow-demo\"} == 1") > 0;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no prometheus log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("prometheus not ready on port " + port + " within 60 s:\n" + log());
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " from prometheus on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
