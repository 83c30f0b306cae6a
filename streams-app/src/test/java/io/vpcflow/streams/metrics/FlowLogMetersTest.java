package io.vpcflow.streams.metrics;

import java.time.Instant;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.vpcflow.streams.metrics.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

class FlowLogMetersTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void labelValuesBeyondTheCapAreFoldedIntoOther() {
        FlowLogMeters meters = new FlowLogMeters(registry, new LabelGuard(2));
        for (String eni : new String[] {"eni-1", "eni-2", "eni-3", "eni-4"}) {
            meters.published(okRecord(eni, 10));
        }
        String text = registry.scrape();
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "eni-1")).isEqualTo(10);
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "eni-2")).isEqualTo(10);
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "other")).isEqualTo(20);
        assertThat(text).doesNotContain("eni-3").doesNotContain("eni-4");
    }

    @Test
    void missingLabelValuesAreNone() {
        FlowLogMeters meters = new FlowLogMeters(registry, new LabelGuard(10));
        FlowLogRecord reject = okRecord("eni-1", 10);
        reject.setAction(Action.REJECT);
        meters.published(reject);
        assertThat(value(registry.scrape(), "vpcflow_rejects_total", "component", "none", "rule", "none",
                "explanation_code", "none")).isEqualTo(1);
    }

    @Test
    void aRecordOfAnUnknownSubscriptionIsCountedButHasNoPublicationDelay() {
        FlowLogMeters meters = new FlowLogMeters(registry, new LabelGuard(10));
        meters.published(okRecord("eni-1", 10));
        String text = registry.scrape();
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "OK"))
                .isEqualTo(1);
        assertThat(value(text, "vpcflow_streams_publication_delay_seconds_count")).isZero();
    }

    @Test
    void consecutiveRecordsSharingLabelObjectsCountInTheirOwnMeters() {
        // the meters remember the last record's label strings by identity; equal strings of other objects, another
        // action and another log status must still count where their labels say
        FlowLogMeters meters = new FlowLogMeters(registry, new LabelGuard(10));
        FlowLogRecord first = okRecord("eni-1", 10);
        meters.published(first);
        FlowLogRecord same = okRecord(first.getInterfaceId(), 5);
        same.setAccountId(first.getAccountId());
        same.setVpcId(first.getVpcId());
        same.setSubscriptionId(first.getSubscriptionId());
        meters.published(same);
        FlowLogRecord reject = okRecord(first.getInterfaceId(), 7);
        reject.setAction(Action.REJECT);
        meters.published(reject);
        meters.published(okRecord(new String("eni-1".toCharArray()), 1));
        meters.published(okRecord("eni-2", 3));
        FlowLogRecord noData = okRecord("eni-2", 0);
        noData.setLogStatus(LogStatus.NODATA);
        noData.setAction(null);
        meters.published(noData);
        meters.published(okRecord("eni-2", 4));
        String text = registry.scrape();
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "eni-1", "action", "ACCEPT")).isEqualTo(16);
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "eni-1", "action", "REJECT")).isEqualTo(7);
        assertThat(value(text, "vpcflow_traffic_bytes_total", "interface", "eni-2", "action", "ACCEPT")).isEqualTo(7);
        assertThat(value(text, "vpcflow_traffic_packets_total", "interface", "eni-1", "action", "ACCEPT"))
                .isEqualTo(3);
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "OK"))
                .isEqualTo(6);
        assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "NODATA"))
                .isEqualTo(1);
    }

    private static FlowLogRecord okRecord(String interfaceId, long bytes) {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        return FlowLogRecord.newBuilder().setVersion(2).setAccountId("123456789010").setInterfaceId(interfaceId)
                .setVpcId("vpc-1").setStart(t).setEnd(t).setPackets(1L).setBytes(bytes).setAction(Action.ACCEPT)
                .setLogStatus(LogStatus.OK).setSubscriptionId("fl-1").build();
    }
}
