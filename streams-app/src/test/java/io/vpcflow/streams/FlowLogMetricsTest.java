package io.vpcflow.streams;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.TrafficType;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static io.vpcflow.streams.metrics.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow-log topology's meters as Prometheus renders them, after events went through the production topology in
 * {@link org.apache.kafka.streams.TopologyTestDriver}: the contract names with their labels and values.
 */
class FlowLogMetricsTest {
    // the wall clock starts at T0: a jump of decades after the histogram exists would rotate its buckets away
    private final MockClock clock = clockAt(T0);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);

    @Test
    void contractNamesWithTheirLabelsAfterEventsThroughTheTopology() {
        try (FlowLogDriver d = new FlowLogDriver(FlowLogDriver.testConfig(), new FlowLogCounters(registry))) {
            d.subscribe("fl-1", "subnet-a", TrafficType.ALL, 60, "");
            d.send(event("eni-a1", 1_000).setPackets(2).setBytes(100));
            d.send(event("eni-a1", 2_000).setPackets(3).setBytes(50));
            d.send(event("eni-a1", 3_000).setSrcPort(40001).setAction(Action.REJECT)
                    .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-0a1")
                    .setRule("no inbound rule of sg-0a1 allows tcp 198.51.100.7:40001 -> 10.0.0.10:443"));
            d.send(event("eni-b1", 4_000));                      // subnet-b: no flow log captures it
            // the window [T0, T0+60 s) is published at stream time T0+90 s; the wall clock then reads T0+75 s
            setWallClock(T0 + 75_000);
            d.advanceStreamTime(90_000);
            d.send(event("eni-a1", 5_000));                      // after grace: late, one SKIPDATA record
            setWallClock(T0 + 100_000);
            d.advanceStreamTime(100_000);
        }
        String text = registry.scrape();

        assertThat(value(text, "vpcflow_streams_events_total", "action", "ACCEPT", "explanation_code", "none"))
                .isEqualTo(6);                                   // 3 of eni-a1, eni-b1, 2 that advanced time
        assertThat(value(text, "vpcflow_streams_events_total", "action", "REJECT",
                "explanation_code", "ENI_SG_RULES_MISMATCH")).isEqualTo(1);
        assertThat(value(text, "vpcflow_streams_late_events_total")).isEqualTo(1);
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "OK"))
                .isEqualTo(2);
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "NODATA"))
                .isEqualTo(1);                                   // eni-a2
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "SKIPDATA"))
                .isEqualTo(1);
        assertThat(value(text, "vpcflow_traffic_bytes_total", "account", "123456789010", "vpc", "vpc-1",
                "interface", "eni-a1", "action", "ACCEPT")).isEqualTo(150);
        assertThat(value(text, "vpcflow_traffic_packets_total", "interface", "eni-a1", "action", "ACCEPT"))
                .isEqualTo(5);
        assertThat(value(text, "vpcflow_traffic_packets_total", "interface", "eni-a1", "action", "REJECT"))
                .isEqualTo(1);
        assertThat(value(text, "vpcflow_rejects_total", "account", "123456789010", "vpc", "vpc-1",
                "component", "sg-0a1", "rule", "no inbound rule of sg-0a1",
                "explanation_code", "ENI_SG_RULES_MISMATCH")).isEqualTo(1);
        // 3 records 15 s after their window's end (OK, OK, NODATA), the SKIPDATA record 40 s after
        assertThat(value(text, "vpcflow_streams_publication_delay_seconds_bucket", "le", "10.0")).isZero();
        assertThat(value(text, "vpcflow_streams_publication_delay_seconds_bucket", "le", "15.0")).isEqualTo(3);
        assertThat(value(text, "vpcflow_streams_publication_delay_seconds_bucket", "le", "45.0")).isEqualTo(4);
        assertThat(value(text, "vpcflow_streams_publication_delay_seconds_count")).isEqualTo(4);
        assertThat(value(text, "vpcflow_streams_events_uncaptured_total")).isEqualTo(3);
    }

    private static MockClock clockAt(long epochMs) {
        MockClock clock = new MockClock();
        clock.add(epochMs - clock.wallTime(), TimeUnit.MILLISECONDS);
        return clock;
    }

    private void setWallClock(long epochMs) {
        clock.add(epochMs - clock.wallTime(), TimeUnit.MILLISECONDS);
    }
}
