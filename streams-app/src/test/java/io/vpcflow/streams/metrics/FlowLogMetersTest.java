package io.vpcflow.streams.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

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

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 3", "4, 4", "100, 5"})
    void randomRecordsCountAsAModelOfTheLabelGuardSays(int cap, long seed) {
        // runs of records share label objects (as publication hands them over), mixed with equal strings of other
        // objects, null and empty values, every action and log status; the expected series come from a model of
        // the guard (the first `cap` values of a label are kept, later ones fold into "other")
        FlowLogMeters meters = new FlowLogMeters(registry, new LabelGuard(cap));
        Random random = new Random(seed);
        Map<String, Set<String>> kept = new HashMap<>();
        Map<List<String>, Long> records = new HashMap<>();
        Map<List<String>, Long> bytes = new HashMap<>();
        FlowLogRecord previous = null;
        for (int i = 0; i < 2_000; i++) {
            FlowLogRecord r = okRecord("eni-0", random.nextInt(1_000));
            r.setSubscriptionId(pick(random, "fl-", previous == null ? null : previous.getSubscriptionId(), false));
            r.setAccountId(pick(random, "acct-", previous == null ? null : previous.getAccountId(), true));
            r.setVpcId(pick(random, "vpc-", previous == null ? null : previous.getVpcId(), true));
            r.setInterfaceId(pick(random, "eni-", previous == null ? null : previous.getInterfaceId(), true));
            r.setAction(random.nextInt(10) < 7 && previous != null ? previous.getAction()
                    : new Action[] {Action.ACCEPT, Action.REJECT, null}[random.nextInt(3)]);
            r.setLogStatus(random.nextInt(6) == 0 ? LogStatus.values()[random.nextInt(LogStatus.values().length)]
                    : LogStatus.OK);
            meters.published(r);
            records.merge(List.of(label(kept, cap, "subscription", r.getSubscriptionId()), r.getLogStatus().name()),
                    1L, Long::sum);
            if (r.getLogStatus() == LogStatus.OK && r.getAction() != null) {
                String account = label(kept, cap, "account", r.getAccountId());
                String vpc = label(kept, cap, "vpc", r.getVpcId());
                String eni = label(kept, cap, "interface", r.getInterfaceId());
                bytes.merge(List.of(account, vpc, eni, r.getAction().name()), r.getBytes(), Long::sum);
            }
            previous = r;
        }
        String text = registry.scrape();
        records.forEach((k, n) -> assertThat(value(text, "vpcflow_streams_records_total", "subscription", k.get(0),
                "log_status", k.get(1))).as("records %s", k).isEqualTo(n.doubleValue()));
        bytes.forEach((k, n) -> assertThat(value(text, "vpcflow_traffic_bytes_total", "account", k.get(0), "vpc",
                k.get(1), "interface", k.get(2), "action", k.get(3))).as("bytes %s", k).isEqualTo(n.doubleValue()));
        assertThat(PrometheusText.samples(text, "vpcflow_streams_records_total")).hasSize(records.size());
        assertThat(PrometheusText.samples(text, "vpcflow_traffic_bytes_total")).hasSize(bytes.size());
    }

    /** Mostly the previous record's object; else one of four values, as a literal or an equal new object. */
    private static String pick(Random random, String prefix, String previous, boolean nullable) {
        if (previous != null && random.nextInt(10) < 7) {
            return previous;
        }
        int n = random.nextInt(nullable ? 6 : 4);
        if (n >= 4) {
            return n == 4 ? null : "";
        }
        String literal = (prefix + n).intern();
        return random.nextBoolean() ? literal : new String(literal.toCharArray());
    }

    /** The model of {@link LabelGuard}: none for a missing value, the first {@code cap} values kept, then other. */
    private static String label(Map<String, Set<String>> kept, int cap, String label, String value) {
        if (value == null || value.isEmpty()) {
            return LabelGuard.NONE;
        }
        Set<String> values = kept.computeIfAbsent(label, k -> new HashSet<>());
        if (values.contains(value) || values.size() < cap && values.add(value)) {
            return value;
        }
        return LabelGuard.OTHER;
    }

    private static FlowLogRecord okRecord(String interfaceId, long bytes) {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        return FlowLogRecord.newBuilder().setVersion(2).setAccountId("123456789010").setInterfaceId(interfaceId)
                .setVpcId("vpc-1").setStart(t).setEnd(t).setPackets(1L).setBytes(bytes).setAction(Action.ACCEPT)
                .setLogStatus(LogStatus.OK).setSubscriptionId("fl-1").build();
    }
}
