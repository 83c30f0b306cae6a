package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageMonitorTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final OutageMonitor monitor = new OutageMonitor("broker:9092", Duration.ofSeconds(5),
            Duration.ofMinutes(2), now::get);

    @Test
    void sendsWaitingWithoutAcknowledgementForTheThresholdAreOneOutageUntilAcksResume() {
        monitor.sent();
        monitor.sent();
        now.addAndGet(4_999);
        monitor.check();
        assertThat(monitor.inOutage()).isFalse();

        now.addAndGet(1);
        monitor.check();
        monitor.check();
        assertThat(monitor.inOutage()).isTrue();
        assertThat(monitor.outages()).isEqualTo(1);

        monitor.acked();
        assertThat(monitor.inOutage()).isFalse();
        monitor.acked();
        now.addAndGet(60_000);
        monitor.check();
        assertThat(monitor.outages()).as("nothing waits: a quiet generator is no outage").isEqualTo(1);
    }

    @Test
    void silenceIsMeasuredFromTheFirstWaitingSendNotFromTheLastAck() {
        monitor.sent();
        monitor.acked();
        now.addAndGet(60_000);
        monitor.sent();
        now.addAndGet(1_000);
        monitor.check();
        assertThat(monitor.inOutage()).isFalse();
    }
}
