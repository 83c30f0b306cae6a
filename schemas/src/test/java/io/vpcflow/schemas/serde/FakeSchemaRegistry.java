package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two Confluent Schema Registry endpoints the serde uses, in memory, on a loopback port.
 * Subjects listed in {@link #rejectAsIncompatible} answer 409 like a registry whose compatibility
 * check failed. Records every request line and Authorization header for assertions.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Set<String> rejectAsIncompatible = ConcurrentHashMap.newKeySet();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> idBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemaById = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private HttpServer server;

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        Matcher register = REGISTER.matcher(path);
        Matcher byId = BY_ID.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && register.matches()) {
            register(exchange, URLDecoder.decode(register.group(1), StandardCharsets.UTF_8));
        } else if ("GET".equals(exchange.getRequestMethod()) && byId.matches()) {
            String schema = schemaById.get(Integer.parseInt(byId.group(1)));
            if (schema == null) {
                answer(exchange, 404, Map.of("error_code", 40403, "message", "Schema not found"));
            } else {
                answer(exchange, 200, Map.of("schema", schema));
            }
        } else {
            answer(exchange, 404, Map.of("error_code", 404, "message", "no such endpoint"));
        }
    }

    private void register(HttpExchange exchange, String subject) throws IOException {
        if (rejectAsIncompatible.contains(subject)) {
            answer(exchange, 409, Map.of("error_code", 409,
                    "message", "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\""));
            return;
        }
        String schema = JSON.readTree(exchange.getRequestBody()).path("schema").asText();
        int id = idBySchema.computeIfAbsent(schema, s -> nextId.getAndIncrement());
        schemaById.put(id, schema);
        answer(exchange, 200, Map.of("id", id));
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
