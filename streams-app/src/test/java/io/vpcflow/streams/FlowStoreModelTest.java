package io.vpcflow.streams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static io.vpcflow.streams.FlowStoreFixture.SUBSCRIPTION;
import static io.vpcflow.streams.FlowStoreFixture.WINDOW_MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FlowStore} against a model: a random mix of events on the open windows, flushes (commits), publications,
 * NODATA records and clean reopens on the same state directory, with each publication checked against what the model
 * says is due, record for record and in the store's key order. Few flows are held, so the store falls back to one
 * entry per flow over and over; publications rare enough make a window's batches hold
 * {@value FlowStore#REWRITE_MIN} states, so the window is written again.
 */
class FlowStoreModelTest {
    private static final List<String> INTERFACES = List.of("eni-a1", "eni-a2", "eni-b1");
    private static final int[] SRC_PORTS = {40000, 40001, 40002, 40003, 40004, 40005};
    private static final int[] DST_PORTS = {22, 443};
    private static final int OPEN_WINDOWS = 4;

    @TempDir
    Path stateDir;

    /**
     * Seed, flows held in memory, operations, chance an operation publishes, whether a window must be written again.
     * Seeds 1 and 2 fall back to one entry per flow at almost every flush, seed 3 now and then, seed 4 never; seeds 5
     * and 6 publish so rarely that a window's batches reach {@value FlowStore#REWRITE_MIN} states (2 and 3 rewrites).
     */
    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(1L, 2, 3_000, 0.03, false),
                Arguments.of(2L, 5, 3_000, 0.03, false),
                Arguments.of(3L, 40, 3_000, 0.01, false),
                Arguments.of(4L, 1_000, 3_000, 0.03, false),
                Arguments.of(5L, 1_000, 8_000, 0.0002, true),
                Arguments.of(6L, 1_000, 8_000, 0.0002, true));
    }

    @ParameterizedTest(name = "seed {0}, {1} flows held")
    @MethodSource("runs")
    void everyPublicationIsWhatTheModelPredicts(long seed, int retainedFlows, int operations, double publishChance,
                                                boolean rewrites) {
        Run run = new Run(new Random(seed), retainedFlows);
        for (int i = 0; i < operations; i++) {
            double op = run.random.nextDouble();
            if (op < publishChance) {
                run.publishUpTo(run.published + WINDOW_MS * (1 + run.random.nextInt(2)));
            } else if (op < publishChance + 0.005) {
                run.reopen();
            } else if (op < publishChance + 0.035) {
                run.noData();
            } else if (op < publishChance + 0.40) {
                run.flush();
            } else {
                run.addEvent();
            }
        }
        run.flush();
        run.publishUpTo(run.published + WINDOW_MS * OPEN_WINDOWS);
        assertThat(run.expected).as("published everything").isEmpty();
        run.store.close();
        if (rewrites) {
            assertThat(run.rewrites).as("windows written again").isPositive();
        }
    }

    /** One run: the store, the model, and what happened since the last flush. */
    private final class Run {
        private final Random random;
        private final int retainedFlows;
        /** Every record not yet published, in the store's key order: flows and NODATA records alike. */
        private final NavigableMap<Bytes, Expected> expected =
                new TreeMap<>((a, b) -> Arrays.compareUnsigned(a.get(), b.get()));
        private final Set<Long> changedWindows = new HashSet<>();
        private FlowStore store;
        private long published = T0;
        private int rewrites;

        Run(Random random, int retainedFlows) {
            this.random = random;
            this.retainedFlows = retainedFlows;
            this.store = FlowStoreFixture.open(stateDir, retainedFlows);
        }

        /** An event in one of the open windows, the nearer ones more often (so one window gets many states). */
        void addEvent() {
            long windowEnd = published + WINDOW_MS * (1 + random.nextInt(1 + random.nextInt(OPEN_WINDOWS)));
            long packets = 1 + random.nextInt(5);
            PacketEvent e = event(INTERFACES.get(random.nextInt(INTERFACES.size())),
                    windowEnd - WINDOW_MS - T0 + random.nextInt((int) WINDOW_MS))
                    .setSrcPort(SRC_PORTS[random.nextInt(SRC_PORTS.length)])
                    .setDstPort(DST_PORTS[random.nextInt(DST_PORTS.length)])
                    .setPackets(packets).setBytes(packets * (40 + random.nextInt(1_460))).build();
            FlowStoreFixture.add(store, windowEnd, e);
            expected.computeIfAbsent(FlowStoreFixture.key(windowEnd, e), key -> new Expected(e)).add(e);
            changedWindows.add(windowEnd);
        }

        /** A NODATA record for an interface and open window that has none yet, as the processor writes it once. */
        void noData() {
            long end = published + WINDOW_MS * (1 + random.nextInt(OPEN_WINDOWS));
            String eni = INTERFACES.get(random.nextInt(INTERFACES.size()));
            Bytes key = WindowKey.status(end - WINDOW_MS, end, SUBSCRIPTION.id(), eni, LogStatus.NODATA).encode();
            if (!expected.containsKey(key)) {
                FlowLogRecord record = FlowLogRecords.noData(FlowLogDriver.metadata(eni), SUBSCRIPTION,
                        end - WINDOW_MS, end);
                store.putRecord(end, key, record);
                expected.put(key, new Expected(describe(record)));
            }
        }

        /**
         * A commit. A flush adds one batch entry per changed window unless it wrote a window again (with this many
         * flows, every batch stays below {@value FlowStore#BATCH_BYTES} bytes); counted only while no window falls
         * back to one entry per flow, which adds none.
         */
        void flush() {
            int before = store.batchEntries();
            store.flushCache();
            if (retainedFlows >= 1_000 && store.batchEntries() < before + changedWindows.size()) {
                rewrites++;
            }
            changedWindows.clear();
        }

        /** A clean close (which flushes) and the store opened again on what it left. */
        void reopen() {
            flush();
            store.close();
            store = FlowStoreFixture.open(stateDir, retainedFlows);
        }

        void publishUpTo(long windowEnd) {
            List<String> records = new ArrayList<>();
            store.removeUpTo(windowEnd, r -> records.add(describe(r)));
            NavigableMap<Bytes, Expected> due = expected.headMap(WindowKey.after(windowEnd), false);
            assertThat(records).as("published up to T0 + %d s", (windowEnd - T0) / 1_000)
                    .containsExactlyElementsOf(due.values().stream().map(Expected::describe).toList());
            due.clear();
            changedWindows.removeIf(end -> end <= windowEnd);
            published = windowEnd;
        }
    }

    /** A record as the model predicts it: a flow's counters so far, or a NODATA record as written. */
    private static final class Expected {
        private final String fixed;
        private final PacketEvent first;
        private long packets;
        private long bytes;
        private long start = Long.MAX_VALUE;
        private long end = Long.MIN_VALUE;

        Expected(PacketEvent first) {
            this.fixed = null;
            this.first = first;
        }

        Expected(String fixed) {
            this.fixed = fixed;
            this.first = null;
        }

        void add(PacketEvent e) {
            long time = e.getEventTime().toEpochMilli();
            packets += e.getPackets();
            bytes += e.getBytes();
            start = Math.min(start, time);
            end = Math.max(end, time);
        }

        String describe() {
            return fixed != null ? fixed : describe(LogStatus.OK, first.getInterfaceId(), first.getSrcPort(),
                    first.getDstPort(), packets, bytes, start, end);
        }

        static String describe(LogStatus status, String eni, Object srcPort, Object dstPort, Object packets,
                               Object bytes, long start, long end) {
            return "%s %s %s>%s packets %s bytes %s T0+%d..T0+%d ms".formatted(status, eni, srcPort, dstPort, packets,
                    bytes, start - T0, end - T0);
        }
    }

    private static String describe(FlowLogRecord r) {
        return Expected.describe(r.getLogStatus(), r.getInterfaceId(), r.getSrcPort(), r.getDstPort(),
                r.getPackets(), r.getBytes(), r.getStart().toEpochMilli(), r.getEnd().toEpochMilli());
    }
}
