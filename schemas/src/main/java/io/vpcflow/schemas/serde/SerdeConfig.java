package io.vpcflow.schemas.serde;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link AvroSerdes}.
 *
 * @param schemaRegistryUrl      base URL of a Confluent-compatible schema registry (Confluent,
 *                               Apicurio {@code /apis/ccompat/v7}, Karapace, Redpanda); {@code null}
 *                               selects registry-less Avro single-object encoding
 * @param basicAuth              registry credentials, or {@code null}; never printed
 * @param schemaByIdCacheSize    how many writer schemas (by registry id) a serde factory keeps
 * @param idBySchemaCacheSize    how many (subject, schema) to id registrations it keeps
 * @param requestTimeout         timeout of one registry HTTP request
 */
public record SerdeConfig(
        String schemaRegistryUrl,
        BasicAuth basicAuth,
        int schemaByIdCacheSize,
        int idBySchemaCacheSize,
        Duration requestTimeout) {

    public static final int DEFAULT_CACHE_SIZE = 1_000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public SerdeConfig {
        if (schemaRegistryUrl != null) {
            schemaRegistryUrl = normalise(schemaRegistryUrl);
        }
        if (schemaByIdCacheSize < 1 || idBySchemaCacheSize < 1) {
            throw new IllegalArgumentException("serde cache sizes must be at least 1, got "
                    + schemaByIdCacheSize + " and " + idBySchemaCacheSize);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Registry-less mode: Avro single-object encoding with the schemas this module ships. */
    public static SerdeConfig withoutRegistry() {
        return new SerdeConfig(null, null, DEFAULT_CACHE_SIZE, DEFAULT_CACHE_SIZE, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Schema-registry mode against {@code url}, no credentials, default caches. */
    public static SerdeConfig withRegistry(String url) {
        return new SerdeConfig(Objects.requireNonNull(url, "url"), null,
                DEFAULT_CACHE_SIZE, DEFAULT_CACHE_SIZE, DEFAULT_REQUEST_TIMEOUT);
    }

    public SerdeConfig withBasicAuth(String username, String password) {
        return new SerdeConfig(schemaRegistryUrl, new BasicAuth(username, password),
                schemaByIdCacheSize, idBySchemaCacheSize, requestTimeout);
    }

    public boolean usesRegistry() {
        return schemaRegistryUrl != null;
    }

    private static String normalise(String url) {
        URI uri = URI.create(url.strip());
        if (uri.getUserInfo() != null) {
            // a URL with user:password would end up in error messages and logs
            throw new IllegalArgumentException("schema registry URL must not carry credentials; use basicAuth");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** HTTP basic-auth credentials for the registry. {@link #toString()} never shows the password. */
    public record BasicAuth(String username, String password) {

        public BasicAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "BasicAuth[username=" + username + ", password=***]";
        }
    }
}
