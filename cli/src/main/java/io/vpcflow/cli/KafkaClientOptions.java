package io.vpcflow.cli;

import io.vpcflow.schemas.security.ClientSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * Kafka client security (TLS, SASL) and the schema registry's credentials, for every command that talks to Kafka.
 * The flags are named after Kafka's client settings, which the streams app reads as {@code kafka.<setting>}:
 * {@code --security-protocol} is {@code security.protocol}, {@code --ssl-truststore} is
 * {@code ssl.truststore.location}, and so on. Secrets come from {@code file:PATH} or {@code env:NAME}
 * ({@link SecretSource}), never from the command line itself; {@link ClientSecurity} masks them wherever the
 * settings are printed.
 */
final class KafkaClientOptions {
    private static final String SECRET = "file:PATH|env:NAME";
    private static final Set<String> PASSWORD_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    @Option(names = "--security-protocol", paramLabel = "<protocol>", description = "PLAINTEXT, SSL, SASL_PLAINTEXT"
            + " or SASL_SSL (Kafka's security.protocol; default: PLAINTEXT)")
    String securityProtocol;

    @Option(names = "--sasl-mechanism", paramLabel = "<mechanism>", description = "PLAIN, SCRAM-SHA-256,"
            + " SCRAM-SHA-512, or with --sasl-jaas-config any mechanism it sets up (default: PLAIN)")
    String saslMechanism;

    @Option(names = "--sasl-username", paramLabel = "<user>", description = "SASL user; needs --sasl-password")
    String saslUsername;

    @Option(names = "--sasl-password", paramLabel = SECRET, description = "the SASL user's password, read from a"
            + " file or an environment variable")
    String saslPassword;

    @Option(names = "--sasl-jaas-config", paramLabel = SECRET, description = "a whole JAAS login line (Kafka's"
            + " sasl.jaas.config) from a file or an environment variable, instead of --sasl-username/--sasl-password")
    String saslJaasConfig;

    @Option(names = "--ssl-truststore", paramLabel = "<file>", description = "trust store with the broker's CA"
            + " (JKS or PKCS12; default: the JVM's CAs)")
    Path sslTruststore;

    @Option(names = "--ssl-truststore-password", paramLabel = SECRET, description = "the trust store's password")
    String sslTruststorePassword;

    @Option(names = "--ssl-keystore", paramLabel = "<file>", description = "key store with this client's"
            + " certificate and key, for brokers that authenticate clients by TLS (needs --ssl-keystore-password)")
    Path sslKeystore;

    @Option(names = "--ssl-keystore-password", paramLabel = SECRET, description = "the key store's password")
    String sslKeystorePassword;

    @Option(names = "--ssl-key-password", paramLabel = SECRET, description = "the private key's password, when it"
            + " differs from the key store's")
    String sslKeyPassword;

    @Option(names = "--schema-registry-user-info", paramLabel = SECRET, description = "the schema registry's HTTP"
            + " basic-auth credentials, user:password, from a file or an environment variable")
    String registryUserInfo;

    /** Whether any of these flags was given. */
    boolean any() {
        return securityProtocol != null || saslMechanism != null || saslUsername != null || saslPassword != null
                || saslJaasConfig != null || sslTruststore != null || sslTruststorePassword != null
                || sslKeystore != null || sslKeystorePassword != null || sslKeyPassword != null
                || registryUserInfo != null;
    }

    /** The checked settings, with secrets read from the process environment. */
    ClientSecurity security(String schemaRegistryUrl) {
        return security(schemaRegistryUrl, System.getenv());
    }

    /** The checked settings; a {@link UserError} names the flag to fix (never a secret's value). */
    ClientSecurity security(String schemaRegistryUrl, Map<String, String> env) {
        BiFunction<String, String, String> secret = (flag, reference) -> SecretSource.read(flag, reference, env);
        String protocol = protocol();
        ClientSecurity security = ClientSecurity.NONE;
        if (protocol != null) {
            security = security.withKafka("security.protocol", protocol);
        }
        security = sasl(security, protocol != null && protocol.startsWith("SASL_"), secret);
        security = ssl(security, "SSL".equals(protocol) || "SASL_SSL".equals(protocol), secret);
        if (registryUserInfo != null) {
            if (schemaRegistryUrl == null) {
                throw new UserError("--schema-registry-user-info needs --schema-registry URL");
            }
            String userInfo = secret.apply("--schema-registry-user-info", registryUserInfo);
            if (userInfo.indexOf(':') <= 0) {
                throw new UserError("--schema-registry-user-info: the file or variable must hold user:password");
            }
            security = security.withRegistryAuth(ClientSecurity.parseUserInfo(userInfo));
        }
        return security;
    }

    private String protocol() {
        if (securityProtocol == null) {
            return null;
        }
        String protocol = securityProtocol.strip().toUpperCase(Locale.ROOT);
        if (!Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
            throw new UserError("--security-protocol '" + securityProtocol + "': use PLAINTEXT, SSL, SASL_PLAINTEXT"
                    + " or SASL_SSL");
        }
        return protocol;
    }

    private ClientSecurity sasl(ClientSecurity security, boolean sasl, BiFunction<String, String, String> secret) {
        String given = saslJaasConfig != null ? "--sasl-jaas-config" : saslUsername != null ? "--sasl-username"
                : saslPassword != null ? "--sasl-password" : saslMechanism != null ? "--sasl-mechanism" : null;
        if (!sasl) {
            if (given != null) {
                throw new UserError(given + " needs --security-protocol SASL_PLAINTEXT or SASL_SSL");
            }
            return security;
        }
        String mechanism = saslMechanism == null ? "PLAIN" : saslMechanism.strip().toUpperCase(Locale.ROOT);
        if (saslJaasConfig != null && (saslUsername != null || saslPassword != null)) {
            throw new UserError("give either --sasl-jaas-config or --sasl-username with --sasl-password, not both");
        }
        String jaas;
        if (saslJaasConfig != null) {
            jaas = secret.apply("--sasl-jaas-config", saslJaasConfig);
        } else if (saslUsername == null && saslPassword == null) {
            throw new UserError("--security-protocol " + protocol() + " needs credentials: --sasl-username with"
                    + " --sasl-password, or --sasl-jaas-config");
        } else if (saslUsername == null || saslUsername.isBlank()) {
            throw new UserError("--sasl-password needs --sasl-username");
        } else if (saslPassword == null) {
            throw new UserError("--sasl-username needs --sasl-password " + SECRET);
        } else if (!PASSWORD_MECHANISMS.contains(mechanism)) {
            throw new UserError("--sasl-mechanism " + mechanism + " takes no user and password; use PLAIN,"
                    + " SCRAM-SHA-256 or SCRAM-SHA-512, or give its login line with --sasl-jaas-config");
        } else {
            jaas = jaasLine(mechanism, saslUsername, secret.apply("--sasl-password", saslPassword));
        }
        return security.withKafka("sasl.mechanism", mechanism).withKafka("sasl.jaas.config", jaas);
    }

    /** Kafka's login module for a user and password; JAAS quoted strings escape backslash and quote. */
    static String jaasLine(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private ClientSecurity ssl(ClientSecurity security, boolean ssl, BiFunction<String, String, String> secret) {
        String given = sslTruststore != null ? "--ssl-truststore" : sslKeystore != null ? "--ssl-keystore"
                : sslTruststorePassword != null ? "--ssl-truststore-password"
                : sslKeystorePassword != null ? "--ssl-keystore-password"
                : sslKeyPassword != null ? "--ssl-key-password" : null;
        if (!ssl) {
            if (given != null) {
                throw new UserError(given + " needs --security-protocol SSL or SASL_SSL");
            }
            return security;
        }
        if (sslTruststorePassword != null && sslTruststore == null) {
            throw new UserError("--ssl-truststore-password needs --ssl-truststore <file>");
        }
        if ((sslKeystorePassword != null || sslKeyPassword != null) && sslKeystore == null) {
            throw new UserError((sslKeystorePassword != null ? "--ssl-keystore-password" : "--ssl-key-password")
                    + " needs --ssl-keystore <file>");
        }
        if (sslTruststore != null) {
            security = security.withKafka("ssl.truststore.location", existing("--ssl-truststore", sslTruststore));
            if (sslTruststorePassword != null) {
                security = security.withKafka("ssl.truststore.password",
                        secret.apply("--ssl-truststore-password", sslTruststorePassword));
            }
        }
        if (sslKeystore != null) {
            if (sslKeystorePassword == null) {
                throw new UserError("--ssl-keystore needs --ssl-keystore-password " + SECRET);
            }
            security = security.withKafka("ssl.keystore.location", existing("--ssl-keystore", sslKeystore))
                    .withKafka("ssl.keystore.password",
                            secret.apply("--ssl-keystore-password", sslKeystorePassword));
            if (sslKeyPassword != null) {
                security = security.withKafka("ssl.key.password",
                        secret.apply("--ssl-key-password", sslKeyPassword));
            }
        }
        return security;
    }

    private static String existing(String flag, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(flag + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new UserError(flag + " " + file + ": not readable");
        }
        return file.toAbsolutePath().toString();
    }
}
