package io.vpcflow.cli;

import picocli.CommandLine.Option;

/** The Prometheus endpoint of {@code generate} and {@code demo}; they differ in whether it is on by default. */
final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "<port>", description = "serve Prometheus metrics on /metrics at"
            + " this port; 0 picks a free port (default: demo 9464; generate: no endpoint)")
    Integer metricsPort;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1", paramLabel = "<address>", description = "address"
            + " of the metrics endpoint; 0.0.0.0 lets other hosts (or a container's outside) scrape it (default:"
            + " ${DEFAULT-VALUE})")
    String metricsHost;
}
