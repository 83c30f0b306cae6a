package io.vpcflow.schemas.security;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import io.vpcflow.schemas.serde.SerdeConfig;

/**
 * How vpcflow's Kafka clients and schema-registry client authenticate: Kafka client security properties
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, passed to every producer, consumer, admin and Kafka
 * Streams client as given) and the registry's HTTP basic-auth credentials. {@link #toString()} masks every secret,
 * so a config that holds this record can be logged.
 *
 * @param kafka        Kafka client properties; only {@code security.protocol}, {@code sasl.*} and {@code ssl.*} keys
 * @param registryAuth the schema registry's credentials, or {@code null}
 */
public record ClientSecurity(Map<String, String> kafka, SerdeConfig.BasicAuth registryAuth) {
    public static final ClientSecurity NONE = new ClientSecurity(Map.of(), null);
    public static final String MASK = "***";

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public ClientSecurity {
        kafka = Map.copyOf(kafka == null ? Map.of() : kafka);
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            String key = e.getKey();
            if (!key.equals("security.protocol") && !key.startsWith("sasl.") && !key.startsWith("ssl.")) {
                throw new IllegalArgumentException("'" + key + "' is not a Kafka client security setting; use"
                        + " security.protocol, sasl.* or ssl.*");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("Kafka client setting " + key + " has no value");
            }
        }
        String protocol = kafka.get("security.protocol");
        if (protocol != null && !PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("security.protocol must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL,"
                    + " not '" + protocol + "'");
        }
    }

    /** Whether a Kafka client setting holds a secret: JAAS config (carries passwords), passwords, keys, tokens. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("sasl.jaas.config") || k.equals("ssl.keystore.key") || k.contains("password")
                || k.contains("secret") || k.contains("token");
    }

    /** {@code security} with {@code key = value} added. */
    public ClientSecurity withKafka(String key, String value) {
        Map<String, String> copy = new TreeMap<>(kafka);
        copy.put(key, value);
        return new ClientSecurity(copy, registryAuth);
    }

    public ClientSecurity withRegistryAuth(SerdeConfig.BasicAuth auth) {
        return new ClientSecurity(kafka, auth);
    }

    /** The registry credentials from {@code user:password} text (the password may hold colons). */
    public static SerdeConfig.BasicAuth parseUserInfo(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("registry credentials must be user:password");
        }
        return new SerdeConfig.BasicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    /** Adds the Kafka settings to a client's properties and returns them. */
    public Properties applyTo(Properties properties) {
        properties.putAll(kafka);
        return properties;
    }

    /** Adds the Kafka settings to a client's config map and returns it. */
    public Map<String, Object> applyTo(Map<String, Object> config) {
        config.putAll(kafka);
        return config;
    }

    /** The serde settings with the registry credentials, when there are any. */
    public SerdeConfig applyTo(SerdeConfig serde) {
        return registryAuth == null || serde.schemaRegistryUrl() == null ? serde
                : serde.withBasicAuth(registryAuth.username(), registryAuth.password());
    }

    /** The Kafka settings with every secret value masked, sorted by key; safe to print. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        kafka.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
        return out;
    }

    @Override
    public String toString() {
        return "ClientSecurity[kafka=" + masked() + ", registryAuth=" + registryAuth + "]";
    }
}
