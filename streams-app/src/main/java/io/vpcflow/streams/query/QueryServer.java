package io.vpcflow.streams.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vpcflow.model.Network;
import io.vpcflow.streams.HttpServers;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only HTTP/JSON interactive-query API of one streams instance ({@code openapi.yaml} describes every
 * route). Inert until {@link #start()}, which listens on {@link QueryConfig#host()}:{@link QueryConfig#port()}.
 * Only GET is served; every request is timed in {@code vpcflow_query_seconds{endpoint,status}}. A bad parameter is
 * a 4xx with a message, a moment without a complete answer a 503 with {@code Retry-After}; an unexpected failure
 * is logged and answered 503 with its message, never a stack trace.
 */
public final class QueryServer implements AutoCloseable {
    static final String FORWARDED_HEADER = "X-Vpcflow-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUEUE = 256;

    private final QueryConfig config;
    private final MeterRegistry meters;
    private final QueryService service;
    /** The timer of each (endpoint, status) seen, so a request does not build and look up its timer again. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private HttpServer server;
    private ThreadPoolExecutor executor;

    /**
     * @param streams the instance's Kafka Streams client, with {@code application.server} set to
     *                {@link QueryConfig#applicationServer()} and {@link QueryTopology} in its topology
     * @param network the network {@code /v1/explain} evaluates packets in, or {@code null}
     */
    public QueryServer(QueryConfig config, KafkaStreams streams, SourcePartitions sources, Network network,
                       MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.service = new QueryService(streams, config, sources, new Explainer(network), Clock.systemUTC());
    }

    public void start() throws IOException {
        server = HttpServers.create(new InetSocketAddress(config.host(), config.port()), QUEUE);
        executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "query-http");
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("query API listening on {}:{} (advertised as {})", config.host(), port(), config.applicationServer());
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        Routes.Route route = Routes.ALL.get(path);
        int status;
        try (exchange) {
            status = respond(exchange, route, path);
        }
        String endpoint = route == null ? "unknown" : route.endpoint();
        timers.computeIfAbsent(endpoint + " " + status, k -> Timer.builder("vpcflow.query")
                        .description("query API latency by endpoint and HTTP status")
                        .tag("endpoint", endpoint).tag("status", String.valueOf(status)).register(meters))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private int respond(HttpExchange exchange, Routes.Route route, String path) throws IOException {
        try {
            if (route == null) {
                throw QueryException.notFound("no route " + path + "; routes: " + String.join(", ",
                        new java.util.TreeSet<>(Routes.ALL.keySet())));
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                throw QueryException.methodNotAllowed("the query API is read-only: " + exchange.getRequestMethod()
                        + " is not allowed, only GET");
            }
            Params params = Params.parse(exchange.getRequestURI().getRawQuery(), route.params());
            if (route.path().equals(Routes.OPENAPI)) {
                return send(exchange, 200, "application/yaml", openApi());
            }
            Reply reply = service.answer(route.path(), params);
            byte[] body = reply.json() != null ? reply.json() : JSON.writeValueAsBytes(reply.body());
            if (reply.status() == 503) {
                retryAfter(exchange);
            }
            return send(exchange, reply.status(), "application/json", body);
        } catch (QueryException e) {
            return error(exchange, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("query {} failed", exchange.getRequestURI(), e);
            return error(exchange, 503, "the query could not be answered now: " + e);
        }
    }

    private int error(HttpExchange exchange, int status, String message) throws IOException {
        if (status == 503) {
            retryAfter(exchange);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        return send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private void retryAfter(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(config.retryAfter().toSeconds()));
    }

    private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    static byte[] openApi() throws IOException {
        try (InputStream in = QueryServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IOException("openapi.yaml is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
