package io.vpcflow.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.vpcflow.generator.Ledger;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's ledger against the flow-log records of a run, shared by the pipeline ITs ({@link PipelineLedgerIT},
 * {@link StreamsCrashIT}): OK records must add up to the ledger exactly, per (interface, 60 s window, action) and
 * per 5-tuple, one record per flow and window, no record the ledger lacks, no SKIPDATA.
 */
final class LedgerCheck {
    /** Quiet time after the last expected window, in which a record the ledger lacks would still show up. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private LedgerCheck() {
    }

    /** One (interface, window, action) or one ledger 5-tuple key: packets and bytes. */
    record Sums(long packets, long bytes) {
        Sums plus(long p, long b) {
            return new Sums(packets + p, bytes + b);
        }
    }

    record WindowAction(String interfaceId, long windowStart, String action) {
    }

    /** A ledger listener that adds every window's flows into {@code ledger}. */
    static Ledger.Listener collector(Map<Ledger.FlowKey, Sums> ledger) {
        return new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                flows.forEach((k, t) -> ledger.merge(k, new Sums(t.packets(), t.bytes()),
                        (a, b) -> a.plus(b.packets(), b.bytes())));
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
            }
        };
    }

    static void compare(String label, List<FlowLogRecord> records, Map<Ledger.FlowKey, Sums> ledger, long produced) {
        Map<Ledger.FlowKey, Sums> okByFlow = new HashMap<>();
        Set<WindowAction> noData = new HashSet<>();
        List<FlowLogRecord> skipData = new ArrayList<>();
        long okRecords = 0;
        for (FlowLogRecord r : records) {
            switch (r.getLogStatus()) {
                case OK -> {
                    okRecords++;
                    okByFlow.merge(flowKey(r), new Sums(r.getPackets(), r.getBytes()),
                            (a, b) -> a.plus(b.packets(), b.bytes()));
                }
                case NODATA -> noData.add(new WindowAction(r.getInterfaceId(), windowStart(r), "-"));
                case SKIPDATA -> skipData.add(r);
                default -> throw new AssertionError("unexpected log status " + r.getLogStatus());
            }
        }
        Map<WindowAction, Sums> expectedWindows = byWindowAndAction(ledger);
        Map<WindowAction, Sums> actualWindows = byWindowAndAction(okByFlow);
        System.out.printf("%s: %,d events, %,d ledger 5-tuple keys, %,d OK records (%,d distinct keys),"
                + " %,d (interface, window, action) sums compared, %,d NODATA, %,d SKIPDATA%n", label, produced,
                ledger.size(), okRecords, okByFlow.size(), expectedWindows.size(), noData.size(), skipData.size());

        assertThat(skipData).as("SKIPDATA records (events the app dropped as late)").isEmpty();
        assertThat(okRecords).as("one OK record per flow and window").isEqualTo(okByFlow.size());
        assertThat(difference(actualWindows.keySet(), expectedWindows.keySet()))
                .as("(interface, window, action) with records but not in the ledger").isEmpty();
        assertThat(difference(expectedWindows.keySet(), actualWindows.keySet()))
                .as("(interface, window, action) in the ledger without records").isEmpty();
        expectedWindows.forEach((k, sums) -> assertThat(actualWindows.get(k)).as("packets and bytes of " + k)
                .isEqualTo(sums));
        assertThat(difference(okByFlow.keySet(), ledger.keySet())).as("5-tuples with records but not in the ledger")
                .isEmpty();
        assertThat(difference(ledger.keySet(), okByFlow.keySet())).as("ledger 5-tuples without records").isEmpty();
        ledger.forEach((k, sums) -> assertThat(okByFlow.get(k)).as("packets and bytes of " + k).isEqualTo(sums));
        Set<WindowAction> active = new HashSet<>();
        expectedWindows.keySet().forEach(k -> active.add(new WindowAction(k.interfaceId(), k.windowStart(), "-")));
        assertThat(noData).filteredOn(active::contains).as("NODATA for windows with traffic").isEmpty();
    }

    static Map<WindowAction, Sums> byWindowAndAction(Map<Ledger.FlowKey, Sums> flows) {
        Map<WindowAction, Sums> out = new HashMap<>();
        flows.forEach((k, s) -> out.merge(new WindowAction(k.interfaceId(), k.windowStart(), k.action()), s,
                (a, b) -> a.plus(b.packets(), b.bytes())));
        return out;
    }

    private static Ledger.FlowKey flowKey(FlowLogRecord r) {
        return new Ledger.FlowKey(r.getInterfaceId(), windowStart(r), r.getSrcAddr(), r.getDstAddr(), r.getSrcPort(),
                r.getDstPort(), r.getProtocol(), r.getAction().name());
    }

    /** The 60 s window (epoch seconds) of a record: its first packet's, since every subscription here is 60 s. */
    private static long windowStart(FlowLogRecord r) {
        return Math.floorDiv(r.getStart().getEpochSecond(), Ledger.WINDOW_SECONDS) * Ledger.WINDOW_SECONDS;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    /**
     * Reads {@code topic} (read_committed) until every expected (interface, window, action) has an OK record, then
     * for {@link #SETTLE} more; fails with what is missing when the wall clock passes {@code deadlineMillis}.
     */
    static List<FlowLogRecord> consumeUntilCovered(String bootstrap, Topic<String, FlowLogRecord> topic,
                                                           Set<WindowAction> expected, long deadlineMillis) {
        List<FlowLogRecord> records = new ArrayList<>();
        Set<WindowAction> missing = new HashSet<>(expected);
        try (KafkaConsumer<String, FlowLogRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long settledAt = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadlineMillis, settledAt)) {
                for (ConsumerRecord<String, FlowLogRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    FlowLogRecord v = r.value();
                    records.add(v);
                    if (v.getLogStatus() == LogStatus.OK) {
                        missing.remove(new WindowAction(v.getInterfaceId(), windowStart(v), v.getAction().name()));
                    }
                }
                if (missing.isEmpty() && settledAt == Long.MAX_VALUE) {
                    settledAt = System.currentTimeMillis() + SETTLE.toMillis();
                }
            }
        }
        assertThat(missing).as("(interface, window, action) still without records on %s when the wait ended (%d"
                + " records read; windows: %s)", topic.name(), records.size(), windowsOf(missing)).isEmpty();
        return records;
    }

    private static Set<Long> windowsOf(Set<WindowAction> keys) {
        Set<Long> out = new TreeSet<>();
        keys.forEach(k -> out.add(k.windowStart()));
        return out;
    }

    static Network loadSample() {
        Path path = repositoryRoot().resolve("examples/sample-network.yaml");
        LoadedNetwork loaded = NetworkLoader.load(path);
        assertThat(loaded.hasErrors()).as("sample network loads: " + loaded.problems()).isFalse();
        return loaded.network();
    }

    /** The network with its own flow logs replaced by one per VPC, traffic ALL, 60 s. */
    static Network withOneFlowLogPerVpc(Network n) {
        Network.Builder b = Network.builder();
        n.vpcs().forEach(b::add);
        n.subnets().forEach(b::add);
        n.routeTables().forEach(b::add);
        n.internetGateways().forEach(b::add);
        n.natGateways().forEach(b::add);
        n.networkInterfaces().forEach(b::add);
        n.securityGroups().forEach(b::add);
        n.networkAcls().forEach(b::add);
        n.peeringConnections().forEach(b::add);
        n.vpcEndpoints().forEach(b::add);
        n.prefixLists().forEach(b::add);
        n.endpointServices().forEach(b::add);
        n.loadBalancers().forEach(b::add);
        n.vpnGateways().forEach(b::add);
        n.internetHosts().forEach(b::add);
        n.vpcs().forEach(v -> b.add(new FlowLog("fl-ledger-" + v.id(), null, null, v.id(), FlowLog.TrafficType.ALL,
                60, null, "kafka")));
        return b.build();
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the vpcflow checkout");
    }

}
