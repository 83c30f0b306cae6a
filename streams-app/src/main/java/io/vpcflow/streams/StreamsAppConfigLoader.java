package io.vpcflow.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import io.vpcflow.streams.metrics.MetricsConfig;
import io.vpcflow.streams.query.QueryConfig;
import io.vpcflow.streams.sink.FileSinkSettings;
import io.vpcflow.schemas.security.ClientSecurity;

/**
 * Reads {@link StreamsAppConfig}: defaults (of the chosen {@code preset}), then the properties file named by
 * {@code --config} or {@code VPCFLOW_STREAMS_CONFIG}, then environment variables {@code VPCFLOW_STREAMS_<KEY>}
 * ({@code grace} is {@code VPCFLOW_STREAMS_GRACE}, {@code delivery-delay} {@code VPCFLOW_STREAMS_DELIVERY_DELAY}),
 * then flags {@code --key=value} or {@code --key value}. Durations are {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 1h} or ISO-8601 ({@code PT10S}). An unknown key or a bad value is an error that names the key and where
 * it came from. The anomaly detectors' keys {@code findings.*} ({@link FindingsKeys}) are documented in
 * docs/findings.md; their environment variables replace dots too ({@code VPCFLOW_STREAMS_FINDINGS_BUCKET}).
 */
public final class StreamsAppConfigLoader {
    public static final String ENV_PREFIX = "VPCFLOW_STREAMS_";
    public static final String CONFIG_KEY = "config";
    public static final String PRESET_KEY = "preset";

    /** Every key, in the order {@link #describe} prints them. */
    public static final List<String> KEYS = List.of(PRESET_KEY, "bootstrap-servers", "application-id",
            "topic-prefix", "schema-registry-url", "processing-guarantee", "num-stream-threads", "replication-factor",
            "state-dir", "network", "grace", "delivery-delay", "punctuate-interval", "wall-clock-interval",
            "index-refresh-interval", "advance-on-wall-clock", "wall-clock-lag", "partitions", "skipdata-retention",
            "max-nodata-windows", "max-flows-in-memory", "metrics-enabled", "metrics-host", "metrics-port", "query-enabled", "query-host",
            "query-port", "query-advertised-host", "query-page-size", "query-max-page-size", "query-stale-reads",
            "query-forward-timeout", "query-threads", "query-retry-after", "num-standby-replicas",
            "schema-registry-user-info", "file-sink-dir", "s3-bucket", "s3-endpoint", "s3-region", "s3-path-style",
            "s3-max-backoff");
    /** Prefix of Kafka client security keys: {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}. */
    public static final String KAFKA_PREFIX = "kafka.";

    private StreamsAppConfigLoader() {
    }

    /** A setting the user got wrong; the message says which and how to fix it. */
    public static final class ConfigException extends RuntimeException {
        ConfigException(String message) {
            super(message);
        }
    }

    public static StreamsAppConfig load(List<String> args, Map<String, String> env) {
        Map<String, Sourced> flags = flags(args);
        Sourced configFile = flags.containsKey(CONFIG_KEY) ? flags.remove(CONFIG_KEY)
                : env.containsKey(ENV_PREFIX + "CONFIG")
                ? new Sourced(env.get(ENV_PREFIX + "CONFIG"), "environment " + ENV_PREFIX + "CONFIG") : null;
        Map<String, Sourced> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(file(Path.of(configFile.value())));
        }
        merged.putAll(environment(env));
        merged.putAll(flags);
        for (Map.Entry<String, Sourced> e : merged.entrySet()) {
            if (e.getKey().startsWith(FindingsKeys.PREFIX) && !FindingsKeys.KEYS.contains(e.getKey())) {
                throw unknownFindingsKey("'" + e.getKey() + "' (" + e.getValue().source() + ")");
            }
            if (!KEYS.contains(e.getKey()) && !e.getKey().startsWith(KAFKA_PREFIX)
                    && !e.getKey().startsWith(FindingsKeys.PREFIX)) {
                throw new ConfigException("unknown setting '" + e.getKey() + "' (" + e.getValue().source()
                        + "); known settings: " + String.join(", ", KEYS) + ", " + KAFKA_PREFIX
                        + "<Kafka client security setting> and " + FindingsKeys.PREFIX
                        + "<detector setting> (docs/findings.md)");
            }
        }
        return build(merged);
    }

    private static ConfigException unknownFindingsKey(String what) {
        return new ConfigException("unknown setting " + what + "; known findings settings (docs/findings.md): "
                + String.join(", ", FindingsKeys.KEYS));
    }

    /**
     * Every setting as {@code key = value}, one a line, in {@link #KEYS} order ({@code -} for none). The preset is
     * not printed: it only chose the defaults the values below started from.
     */
    public static String describe(StreamsAppConfig c) {
        FlowLogConfig f = c.flowLog();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("bootstrap-servers", c.bootstrapServers());
        v.put("application-id", c.applicationId());
        v.put("topic-prefix", c.topicPrefix());
        v.put("schema-registry-url", orDash(c.schemaRegistryUrl()));
        v.put("processing-guarantee", c.processingGuarantee());
        v.put("num-stream-threads", String.valueOf(c.numStreamThreads()));
        v.put("replication-factor", String.valueOf(c.replicationFactor()));
        v.put("state-dir", orDash(c.stateDir()));
        v.put("network", orDash(c.network()));
        v.put("grace", duration(f.grace()));
        v.put("delivery-delay", duration(f.deliveryDelay()));
        v.put("punctuate-interval", duration(f.punctuateInterval()));
        v.put("wall-clock-interval", duration(f.wallClockInterval()));
        v.put("index-refresh-interval", duration(f.indexRefreshInterval()));
        v.put("advance-on-wall-clock", String.valueOf(f.advanceOnWallClock()));
        v.put("wall-clock-lag", duration(f.wallClockLag()));
        v.put("partitions", String.valueOf(f.partitions()));
        v.put("skipdata-retention", duration(f.skipDataRetention()));
        v.put("max-nodata-windows", String.valueOf(f.maxNoDataWindows()));
        v.put("max-flows-in-memory", String.valueOf(f.maxFlowsInMemory()));
        v.put("metrics-enabled", String.valueOf(c.metrics().enabled()));
        v.put("metrics-host", c.metrics().host());
        v.put("metrics-port", String.valueOf(c.metrics().port()));
        QueryConfig q = c.query();
        v.put("query-enabled", String.valueOf(q.enabled()));
        v.put("query-host", q.host());
        v.put("query-port", String.valueOf(q.port()));
        v.put("query-advertised-host", orDash(q.advertisedHost()));
        v.put("query-page-size", String.valueOf(q.defaultPageSize()));
        v.put("query-max-page-size", String.valueOf(q.maxPageSize()));
        v.put("query-stale-reads", String.valueOf(q.staleReads()));
        v.put("query-forward-timeout", duration(q.forwardTimeout()));
        v.put("query-threads", String.valueOf(q.threads()));
        v.put("query-retry-after", duration(q.retryAfter()));
        v.put("num-standby-replicas", String.valueOf(q.standbyReplicas()));
        v.put("schema-registry-user-info", c.security().registryAuth() == null ? "-"
                : c.security().registryAuth().username() + ":" + ClientSecurity.MASK);
        v.putAll(FileSinkKeys.describe(c.fileSink()));
        v.putAll(FindingsKeys.describe(c.findings()));
        c.security().masked().forEach((key, value) -> v.put(KAFKA_PREFIX + key, value));
        StringBuilder out = new StringBuilder();
        v.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
        return out.toString();
    }

    private static StreamsAppConfig build(Map<String, Sourced> s) {
        String preset = s.containsKey(PRESET_KEY) ? s.get(PRESET_KEY).value() : "demo";
        FlowLogConfig base = switch (preset) {
            case "demo" -> FlowLogConfig.defaults();
            case "aws-like" -> FlowLogConfig.awsLike();
            default -> throw new ConfigException("preset must be demo or aws-like, not '" + preset + "' ("
                    + s.get(PRESET_KEY).source() + ")");
        };
        StreamsAppConfig d = StreamsAppConfig.defaults();
        Values r = new Values(s);
        try {
            FlowLogConfig flowLog = new FlowLogConfig(
                    r.get("grace", StreamsAppConfigLoader::parseDuration, base.grace()),
                    r.get("delivery-delay", StreamsAppConfigLoader::parseDuration, base.deliveryDelay()),
                    r.get("punctuate-interval", StreamsAppConfigLoader::parseDuration, base.punctuateInterval()),
                    r.get("wall-clock-interval", StreamsAppConfigLoader::parseDuration, base.wallClockInterval()),
                    r.get("index-refresh-interval", StreamsAppConfigLoader::parseDuration,
                            base.indexRefreshInterval()),
                    r.get("advance-on-wall-clock", StreamsAppConfigLoader::parseBoolean, base.advanceOnWallClock()),
                    r.get("wall-clock-lag", StreamsAppConfigLoader::parseDuration, base.wallClockLag()),
                    r.get("partitions", Integer::valueOf, base.partitions()),
                    r.get("skipdata-retention", StreamsAppConfigLoader::parseDuration, base.skipDataRetention()),
                    r.get("max-nodata-windows", Integer::valueOf, base.maxNoDataWindows()),
                    r.get("max-flows-in-memory", Integer::valueOf, base.maxFlowsInMemory()));
            MetricsConfig metrics = new MetricsConfig(
                    r.get("metrics-enabled", StreamsAppConfigLoader::parseBoolean, d.metrics().enabled()),
                    r.get("metrics-host", Function.identity(), d.metrics().host()),
                    r.get("metrics-port", Integer::valueOf, d.metrics().port()));
            QueryConfig q = d.query();
            QueryConfig query = new QueryConfig(
                    r.get("query-host", Function.identity(), q.host()),
                    r.get("query-port", Integer::valueOf, q.port()),
                    r.get("query-advertised-host", StreamsAppConfigLoader::noneIfDash, q.advertisedHost()),
                    r.get("query-enabled", StreamsAppConfigLoader::parseBoolean, q.enabled()),
                    r.get("query-page-size", Integer::valueOf, q.defaultPageSize()),
                    r.get("query-max-page-size", Integer::valueOf, q.maxPageSize()),
                    r.get("query-stale-reads", StreamsAppConfigLoader::parseBoolean, q.staleReads()),
                    r.get("query-forward-timeout", StreamsAppConfigLoader::parseDuration, q.forwardTimeout()),
                    r.get("query-threads", Integer::valueOf, q.threads()),
                    r.get("query-retry-after", StreamsAppConfigLoader::parseDuration, q.retryAfter()),
                    r.get("num-standby-replicas", Integer::valueOf, q.standbyReplicas()));
            ClientSecurity security = security(s, r);
            FileSinkSettings fileSink = FileSinkKeys.read(r);
            return new StreamsAppConfig(
                    r.get("bootstrap-servers", Function.identity(), d.bootstrapServers()),
                    r.get("application-id", Function.identity(), d.applicationId()),
                    r.get("topic-prefix", Function.identity(), d.topicPrefix()),
                    r.get("schema-registry-url", StreamsAppConfigLoader::noneIfDash, d.schemaRegistryUrl()),
                    r.get("processing-guarantee", Function.identity(), d.processingGuarantee()),
                    r.get("num-stream-threads", Integer::valueOf, d.numStreamThreads()),
                    r.get("replication-factor", Short::valueOf, d.replicationFactor()),
                    r.get("state-dir", StreamsAppConfigLoader::pathOrNone, d.stateDir()),
                    r.get("network", StreamsAppConfigLoader::pathOrNone, d.network()),
                    flowLog, metrics, query, security, FindingsKeys.read(d.findings(), r), fileSink);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static ClientSecurity security(Map<String, Sourced> s, Values r) {
        ClientSecurity security = ClientSecurity.NONE.withRegistryAuth(
                r.get("schema-registry-user-info", ClientSecurity::parseUserInfo, null));
        for (Map.Entry<String, Sourced> e : s.entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX)) {
                String key = e.getKey().substring(KAFKA_PREFIX.length());
                try {
                    security = security.withKafka(key, e.getValue().value().strip());
                } catch (IllegalArgumentException bad) {
                    // never echo the value: it may be a secret
                    throw new ConfigException(e.getKey() + " (" + e.getValue().source() + ") is invalid: "
                            + bad.getMessage());
                }
            }
        }
        return security;
    }

    private record Sourced(String value, String source) {
    }

    /** Parses one key's value, naming the key and its source when that fails. */
    private record Values(Map<String, Sourced> settings) implements FindingsKeys.Values {
        @Override
        public <T> T get(String key, Function<String, T> parse, T fallback) {
            Sourced s = settings.get(key);
            if (s == null) {
                return fallback;
            }
            try {
                return parse.apply(s.value().strip());
            } catch (RuntimeException e) {
                String shown = key.equals("schema-registry-user-info") ? ClientSecurity.MASK : s.value();
                throw new ConfigException(key + " = '" + shown + "' (" + s.source() + ") is invalid: "
                        + e.getMessage());
            }
        }
    }

    private static Map<String, Sourced> flags(List<String> args) {
        Map<String, Sourced> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "'; settings are --key=value");
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                out.put(body.substring(0, eq), new Sourced(body.substring(eq + 1), "flag --" + body.substring(0, eq)));
            } else if (i + 1 < args.size()) {
                out.put(body, new Sourced(args.get(++i), "flag --" + body));
            } else {
                throw new ConfigException("flag --" + body + " needs a value");
            }
        }
        return out;
    }

    private static Map<String, Sourced> file(Path path) {
        Properties p = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        Map<String, Sourced> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted()
                .forEach(k -> out.put(k, new Sourced(p.getProperty(k), "file " + path.getFileName())));
        return out;
    }

    private static Map<String, Sourced> environment(Map<String, String> env) {
        Map<String, Sourced> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            String name = ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
            if (env.containsKey(name)) {
                out.put(key, new Sourced(env.get(name), "environment " + name));
            }
        }
        Map<String, String> findings = new LinkedHashMap<>();
        FindingsKeys.KEYS.forEach(key -> findings.put(FindingsKeys.environmentName(key), key));
        String findingsPrefix = FindingsKeys.environmentName(FindingsKeys.PREFIX);
        env.keySet().stream().filter(name -> name.startsWith(findingsPrefix)).sorted().forEach(name -> {
            if (!findings.containsKey(name)) {
                throw unknownFindingsKey("in environment " + name);
            }
            out.put(findings.get(name), new Sourced(env.get(name), "environment " + name));
        });
        String kafka = ENV_PREFIX + "KAFKA_";
        env.keySet().stream().filter(name -> name.startsWith(kafka)).sorted().forEach(name -> out.put(
                KAFKA_PREFIX + name.substring(kafka.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                new Sourced(env.get(name), "environment " + name)));
        return out;
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("not a duration");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration; use e.g. 500ms, 10s, 5m, 1h or PT10S");
        }
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    static Boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    static String noneIfDash(String text) {
        return text.isEmpty() || text.equals("-") ? null : text;
    }

    static Path pathOrNone(String text) {
        return text.isEmpty() || text.equals("-") ? null : Path.of(text);
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
