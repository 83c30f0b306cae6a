package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two calls of the Confluent Schema Registry REST API a serde needs, over plain HTTP:
 * {@code POST /subjects/{subject}/versions} (register, or look up, a schema; answers its id) and
 * {@code GET /schemas/ids/{id}} (the writer schema of an id). Only documented Confluent endpoints
 * are used, so any registry speaking that API works. Results are cached both ways.
 *
 * <p>Failures become Kafka {@link SerializationException}s naming the subject and the registry URL;
 * credentials never appear in messages.
 */
final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SerdeConfig config;
    private final HttpClient http;
    private final String authorization;
    private final LruCache<Integer, Schema> schemaById;
    private final LruCache<SubjectSchema, Integer> idBySchema;

    SchemaRegistryClient(SerdeConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
        this.authorization = config.basicAuth() == null ? null : basicAuthorization(config.basicAuth());
        this.schemaById = new LruCache<>(config.schemaByIdCacheSize());
        this.idBySchema = new LruCache<>(config.idBySchemaCacheSize());
    }

    /** The id of {@code schema} under {@code subject}, registering it if the registry lacks it. */
    int register(String subject, Schema schema) {
        return idBySchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            String body = json(Map.of("schema", schema.toString()));
            JsonNode answer = send(subject, "register schema",
                    request("/subjects/" + encode(subject) + "/versions")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw new SerializationException("schema registry " + config.schemaRegistryUrl()
                        + " answered no schema id for subject '" + subject + "': " + answer);
            }
            schemaById.put(id, schema);
            return id;
        });
    }

    /** The schema with registry id {@code id}; {@code subject} only names the context in errors. */
    Schema schemaById(int id, String subject) {
        return schemaById.computeIfAbsent(id, key -> {
            JsonNode answer = send(subject, "fetch schema id " + id, request("/schemas/ids/" + id).GET());
            String type = answer.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SerializationException("schema id " + id + " in schema registry "
                        + config.schemaRegistryUrl() + " (subject '" + subject + "') is " + type + ", not AVRO");
            }
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.schemaRegistryUrl() + path))
                .timeout(config.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(String subject, String action, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SerializationException("schema registry " + config.schemaRegistryUrl()
                    + " unreachable, could not " + action + " for subject '" + subject + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException("interrupted while trying to " + action + " for subject '"
                    + subject + "' at schema registry " + config.schemaRegistryUrl(), e);
        }
        if (response.statusCode() == 409) {
            throw new SerializationException("schema registry " + config.schemaRegistryUrl()
                    + " rejected the schema for subject '" + subject + "' as incompatible (HTTP 409): "
                    + errorMessage(response.body()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new SerializationException("schema registry " + config.schemaRegistryUrl() + " failed to "
                    + action + " for subject '" + subject + "' (HTTP " + response.statusCode() + "): "
                    + errorMessage(response.body()));
        }
        return parse(response.body(), subject);
    }

    private JsonNode parse(String body, String subject) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SerializationException("schema registry " + config.schemaRegistryUrl()
                    + " sent a body that is not JSON for subject '" + subject + "'", e);
        }
    }

    /** The registry's {@code message} field when the error body is Confluent-style JSON. */
    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.hasNonNull("message") ? node.get("message").asText() : body;
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new SerializationException("cannot encode registry request", e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String basicAuthorization(SerdeConfig.BasicAuth auth) {
        String pair = auth.username() + ":" + auth.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
