package io.vpcflow.streams;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.TrafficType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events out of order across windows (grace 10 s, 60-s windows): an event whose window is still within grace lands in
 * its own window, whatever arrived before it; one that comes after its window's grace is counted late and turns into
 * one SKIPDATA record for that window, leaving the window's OK record as it was.
 */
class OutOfOrderEventsTest {
    private FlowLogDriver d;

    @BeforeEach
    void start() {
        d = new FlowLogDriver(FlowLogDriver.testConfig());
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    @Test
    void eventsInterleavedAcrossWindowsWithinGraceLandInTheirOwnWindows() {
        d.send(event("eni-a1", 61_000).setPackets(1));      // window [60,120) first
        d.send(event("eni-a1", 59_000).setPackets(2));      // then [0,60), stream time 61 s < 60 + 10
        d.send(event("eni-a1", 125_000).setPackets(4));     // [120,180)
        d.send(event("eni-a1", 119_000).setPackets(8));     // back to [60,120): 125 < 120 + 10
        d.send(event("eni-a1", 1_000).setPackets(16));      // [0,60) closed at 70 s: late
        d.advanceStreamTime(400_000);

        List<FlowLogRecord> records = d.recordValues();
        Map<Long, Long> okPackets = records.stream().filter(r -> r.getLogStatus() == LogStatus.OK)
                .collect(Collectors.toMap(r -> windowOf(r), FlowLogRecord::getPackets));
        assertThat(okPackets).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 2L, 60L, 9L, 120L, 4L));
        assertThat(records).filteredOn(r -> r.getLogStatus() == LogStatus.SKIPDATA)
                .extracting(OutOfOrderEventsTest::windowOf).containsExactly(0L);
        assertThat(d.counters.lateEvents()).isEqualTo(1);
    }

    @Test
    void anEventExactlyAtWindowEndPlusGraceIsLate() {
        d.send(event("eni-a1", 30_000));
        d.advanceStreamTime(70_000);                           // [0,60) closes at 60 + 10 s
        d.send(event("eni-a1", 59_999));
        d.advanceStreamTime(200_000);

        List<FlowLogRecord> records = d.recordValues();
        assertThat(records).filteredOn(r -> r.getLogStatus() == LogStatus.OK)
                .extracting(FlowLogRecord::getPackets).containsExactly(1L);
        assertThat(records).filteredOn(r -> r.getLogStatus() == LogStatus.SKIPDATA).hasSize(1);
        assertThat(d.counters.lateEvents()).isEqualTo(1);
    }

    /** The record's window start in seconds after T0. */
    private static long windowOf(FlowLogRecord r) {
        return ((r.getStart().toEpochMilli() - T0) / 60_000) * 60;
    }
}
