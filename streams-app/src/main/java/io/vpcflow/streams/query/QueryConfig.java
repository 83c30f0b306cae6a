package io.vpcflow.streams.query;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the interactive-query API ({@link QueryServer}); each is read by {@code StreamsAppConfigLoader} under
 * the key named here and documented here only.
 *
 * @param host             address the HTTP server listens on (key {@code query-host}, default {@code 127.0.0.1}:
 *                         only this machine can ask; {@code 0.0.0.0} listens on every interface)
 * @param port             TCP port of the API (key {@code query-port}, default 7070); {@code host:port} is the
 *                         instance's Kafka Streams {@code application.server}, so other instances forward to it
 * @param advertisedHost   host name other instances use to reach this one, or {@code null} for {@code host}
 *                         (key {@code query-advertised-host}; needed when {@code host} is {@code 0.0.0.0})
 * @param enabled          whether the app serves queries at all (key {@code query-enabled}, default true)
 * @param defaultPageSize  items per page when a request gives no {@code limit} (key {@code query-page-size},
 *                         default 100)
 * @param maxPageSize      the largest {@code limit} a request may ask for (key {@code query-max-page-size},
 *                         default 1000)
 * @param staleReads       whether a request without {@code stale} may be answered from standby replicas or
 *                         stores still restoring (key {@code query-stale-reads}, default false: refuse with 503)
 * @param forwardTimeout   how long a forwarded request to another instance may take before the answer is 503
 *                         (key {@code query-forward-timeout}, default 5s)
 * @param threads          request threads of the HTTP server (key {@code query-threads}, default 8); requests
 *                         beyond {@code threads} wait in a queue of 256 and are refused when it is full
 * @param retryAfter       the {@code Retry-After} of a 503 (key {@code query-retry-after}, default 1s; whole
 *                         seconds, at least 1)
 * @param standbyReplicas  Kafka Streams {@code num.standby.replicas}: copies of each store kept warm on other
 *                         instances for stale reads and fast fail-over (key {@code num-standby-replicas}, default 0)
 */
public record QueryConfig(String host, int port, String advertisedHost, boolean enabled, int defaultPageSize,
                          int maxPageSize, boolean staleReads, Duration forwardTimeout, int threads,
                          Duration retryAfter, int standbyReplicas) {
    public static final int DEFAULT_PORT = 7070;

    public QueryConfig {
        Objects.requireNonNull(host, "query-host");
        Objects.requireNonNull(forwardTimeout, "query-forward-timeout");
        Objects.requireNonNull(retryAfter, "query-retry-after");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("query-port must be 1-65535, got " + port);
        }
        if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
            throw new IllegalArgumentException("query-page-size must be at least 1 and at most query-max-page-size ("
                    + maxPageSize + "), got " + defaultPageSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("query-threads must be at least 1, got " + threads);
        }
        if (forwardTimeout.isNegative() || forwardTimeout.isZero()) {
            throw new IllegalArgumentException("query-forward-timeout must be positive, got " + forwardTimeout);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("query-retry-after must be at least 1s, got " + retryAfter);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("num-standby-replicas must be 0 or more, got " + standbyReplicas);
        }
    }

    public static QueryConfig defaults() {
        return new QueryConfig("127.0.0.1", DEFAULT_PORT, null, true, 100, 1000, false, Duration.ofSeconds(5), 8,
                Duration.ofSeconds(1), 0);
    }

    /** The {@code host:port} other instances reach this one at: Kafka Streams' {@code application.server}. */
    public String applicationServer() {
        return (advertisedHost == null ? host : advertisedHost) + ":" + port;
    }

    public QueryConfig withPort(int value) {
        return new QueryConfig(host, value, advertisedHost, enabled, defaultPageSize, maxPageSize, staleReads,
                forwardTimeout, threads, retryAfter, standbyReplicas);
    }

    public QueryConfig withEnabled(boolean value) {
        return new QueryConfig(host, port, advertisedHost, value, defaultPageSize, maxPageSize, staleReads,
                forwardTimeout, threads, retryAfter, standbyReplicas);
    }

    public QueryConfig withStandbyReplicas(int value) {
        return new QueryConfig(host, port, advertisedHost, enabled, defaultPageSize, maxPageSize, staleReads,
                forwardTimeout, threads, retryAfter, value);
    }
}
