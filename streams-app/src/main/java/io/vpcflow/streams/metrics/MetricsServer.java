package io.vpcflow.streams.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.streams.HttpServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} renders the registry in the Prometheus text format,
 * {@code GET /healthz} answers {@code ok}. Any other path is 404, any other method 405. Inert until
 * {@link #start()}; {@link #close()} stops it.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsConfig config;
    private final PrometheusMeterRegistry registry;
    private HttpServer server;
    private ExecutorService executor;

    public MetricsServer(MetricsConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServers.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + config.host() + ":" + config.port()
                    + " (metrics-host / metrics-port): " + e.getMessage(), e);
        }
        server.createContext("/metrics", exchange -> answer(exchange, TEXT_FORMAT, registry.scrape()));
        server.createContext("/healthz", exchange -> answer(exchange, "text/plain; charset=utf-8", "ok\n"));
        server.createContext("/", exchange -> reply(exchange, 404, "text/plain; charset=utf-8",
                "not found; try /metrics or /healthz\n"));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("metrics endpoint at {}", url());
    }

    /** The port listened on (the one picked when the configured port is 0), or -1 before {@link #start()}. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** The scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return "http://" + host + ":" + port() + "/metrics";
    }

    private static void answer(HttpExchange exchange, String contentType, String body) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Allow", "GET, HEAD");
            reply(exchange, 405, "text/plain; charset=utf-8", "method not allowed; use GET\n");
            return;
        }
        reply(exchange, 200, contentType, body);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
