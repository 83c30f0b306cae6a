package io.vpcflow.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Check 3: runs {@code vpcflow demo --metrics-port <free port>}, scrapes it with a real Prometheus,
 * and requires every panel and variable query of every dashboard (variables as {@code .*}) to return at least one
 * series, except the queries in {@link #MAY_BE_EMPTY}, each with the reason a short run cannot give it data (also
 * listed in dashboards/README.md).
 */
class DashboardsLiveIT {
    /** Rate windows: at a 1 s scrape interval, 30 s holds enough samples for rate(). */
    private static final Map<String, String> LIVE_VALUES = Map.of(
            "__rate_interval", "30s", "__interval", "5s", "__range", "15m",
            "account", ".*", "vpc", ".*", "interface", ".*");
    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(6);

    /** Detectors do run in the demo, but whether one fires within a few real-time minutes is up to chance. */
    private static final String NO_DETECTOR = "a finding needs an attack episode or a misconfiguration over its"
            + " detector's threshold within the run; the detectors are tested by FindingsStreamsIT and"
            + " FindingsQualityTest";

    /** "file / panel / refId" -> why a short run cannot be required to fill it. */
    static final Map<String, String> MAY_BE_EMPTY = Map.of(
            "findings.json / Findings opened in the time range / A", NO_DETECTOR,
            "findings.json / Occurrences folded into open findings / A", NO_DETECTOR,
            "findings.json / High-severity findings opened / A", NO_DETECTOR,
            "findings.json / Findings opened by type / A", NO_DETECTOR,
            "findings.json / Findings opened by severity / A", NO_DETECTOR,
            "findings.json / Occurrences folded into open findings by type / A",
            NO_DETECTOR,
            "findings.json / Findings by type and severity (time range) / A",
            NO_DETECTOR,
            "pipeline-health.json / Late events and dead letters / B",
            "the generated events are well-formed, so nothing is dead-lettered");

    @Test
    void everyPanelQueryReturnsDataFromTheRunningDemo() throws Exception {
        List<PanelQuery> queries = new ArrayList<>();
        DashboardFiles.dashboards().forEach(d -> queries.addAll(DashboardQueries.of(d)));
        assertThat(queries.stream().map(PanelQuery::where).toList()).as("exceptions that name no query")
                .containsAll(MAY_BE_EMPTY.keySet());

        int metricsPort = PrometheusServer.freePort();
        try (DemoProcess demo = new DemoProcess(metricsPort);
             PrometheusServer prometheus = new PrometheusServer("127.0.0.1:" + metricsPort)) {
            demo.start();
            prometheus.start();
            Map<String, Integer> empty = awaitData(queries, demo, prometheus);

            assertThat(empty).as("queries without data after " + DATA_TIMEOUT + "; metric names scraped: "
                    + prometheus.metricNames() + "\ndemo log tail:\n" + demo.logTail()).isEmpty();
        }
    }

    /** Polls until every required query has data or the timeout passes; returns the required ones still empty. */
    private static Map<String, Integer> awaitData(List<PanelQuery> queries, DemoProcess demo,
            PrometheusServer prometheus) throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA_TIMEOUT);
        Map<String, Integer> empty = new LinkedHashMap<>();
        Map<String, Integer> optionalCounts = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            assertThat(demo.isAlive()).as("the demo exited early:\n" + demo.logTail()).isTrue();
            empty.clear();
            if (prometheus.targetUp()) {
                for (PanelQuery query : queries) {
                    String expr = DashboardQueries.substitute(query, LIVE_VALUES);
                    int series = prometheus.seriesCount(expr);
                    if (MAY_BE_EMPTY.containsKey(query.where())) {
                        optionalCounts.put(query.where(), series);
                    } else if (series == 0) {
                        empty.put(query.where() + ": " + expr, series);
                    }
                }
                if (empty.isEmpty()) {
                    optionalCounts.forEach((where, n) -> System.out.println("exception " + where + ": " + n
                            + " series"));
                    return empty;
                }
            } else {
                empty.put("up{job=\"vpcflow-demo\"} (the demo's metrics endpoint is not scraped)", 0);
            }
            Thread.sleep(5_000);
        }
        return empty;
    }
}
