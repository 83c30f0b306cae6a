package io.vpcflow.streams.metrics;

import java.util.Objects;

/**
 * Settings of {@link MetricsServer}, the Prometheus scrape endpoint. For the streams app they are read by
 * {@code StreamsAppConfigLoader} like its other settings and documented here only.
 *
 * @param enabled whether the endpoint is started (key {@code metrics-enabled}, default {@code false}: an app embedded
 *                in a test or another program opens no port unless asked)
 * @param host    address the endpoint listens on (key {@code metrics-host}, default {@code 127.0.0.1}; {@code 0.0.0.0}
 *                in a container so that Prometheus can reach it)
 * @param port    TCP port of the endpoint (key {@code metrics-port}, default {@value #DEFAULT_PORT}; {@code 0} picks a
 *                free port, see {@link MetricsServer#port()})
 */
public record MetricsConfig(boolean enabled, String host, int port) {
    public static final int DEFAULT_PORT = 9464;

    public MetricsConfig {
        Objects.requireNonNull(host, "metrics-host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("metrics-host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("metrics-port must be 0..65535, got " + port);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(false, "127.0.0.1", DEFAULT_PORT);
    }

    /** Enabled on this host and port. */
    public static MetricsConfig on(String host, int port) {
        return new MetricsConfig(true, host, port);
    }
}
