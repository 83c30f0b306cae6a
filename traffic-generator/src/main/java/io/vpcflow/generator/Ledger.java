package io.vpcflow.generator;

import io.vpcflow.generator.scenario.Endpoint;
import io.vpcflow.model.eval.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth of a run, for checking downstream results exactly: for every (interface, 60 s window, 5-tuple as the
 * flow log writes it at that interface, action) the events, packets and bytes produced, and every injected attack
 * with its actors, targets and the time span of its events. Windows are aligned to 60 s of epoch time, so a 600 s
 * window (AWS's default aggregation interval, also aligned) is the sum of its ten 60 s windows.
 *
 * <p>Events arrive in time order, so a window is complete, and handed to the listeners, as soon as an event of a
 * later window arrives; memory holds one window. Attacks are handed over at {@link #close()}.
 */
public final class Ledger implements AutoCloseable {
    public static final int WINDOW_SECONDS = 60;

    /** A ledger key: the flow-log record AWS would write for one interface and window, before aggregation. */
    public record FlowKey(String interfaceId, long windowStart, String srcAddr, String dstAddr, int srcPort,
                          int dstPort, int protocol, String action) {
    }

    /** Events, packets and bytes of one key. */
    public static final class Totals {
        long events;
        long packets;
        long bytes;

        public long events() {
            return events;
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        void add(long eventCount, long eventPackets, long eventBytes) {
            events += eventCount;
            packets += eventPackets;
            bytes += eventBytes;
        }
    }

    /** One injected attack: who, on whom, and the first and last event time (epoch ms) it produced. */
    public static final class AttackEpisode {
        private final String scenario;
        private final List<Endpoint> actors;
        private final List<Endpoint> targets;
        private long firstEventMillis = -1;
        private long lastEventMillis = -1;
        private long events;

        AttackEpisode(String scenario, List<Endpoint> actors, List<Endpoint> targets) {
            this.scenario = scenario;
            this.actors = List.copyOf(actors);
            this.targets = List.copyOf(targets);
        }

        void seen(long timeMillis) {
            if (firstEventMillis < 0) {
                firstEventMillis = timeMillis;
            }
            lastEventMillis = timeMillis;
            events++;
        }

        public String scenario() {
            return scenario;
        }

        public List<Endpoint> actors() {
            return actors;
        }

        public List<Endpoint> targets() {
            return targets;
        }

        public long firstEventMillis() {
            return firstEventMillis;
        }

        public long lastEventMillis() {
            return lastEventMillis;
        }

        public long events() {
            return events;
        }
    }

    /** Receives completed windows and, at the end, the attacks. */
    public interface Listener extends AutoCloseable {
        void window(long windowStart, Map<FlowKey, Totals> flows);

        void attacks(List<AttackEpisode> attacks);

        @Override
        default void close() {
        }
    }

    private final List<Listener> listeners;
    private final List<AttackEpisode> attacks = new ArrayList<>();
    private long window = Long.MIN_VALUE;
    private Map<FlowKey, Totals> flows = new LinkedHashMap<>();
    private long keys;

    public Ledger(List<Listener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    AttackEpisode attack(String scenario, List<Endpoint> actors, List<Endpoint> targets) {
        AttackEpisode episode = new AttackEpisode(scenario, actors, targets);
        attacks.add(episode);
        return episode;
    }

    void record(EventTemplate t, long timeMillis, long packets, long bytes, AttackEpisode attack) {
        long start = Math.floorDiv(timeMillis, WINDOW_SECONDS * 1000L) * WINDOW_SECONDS;
        if (start != window) {
            if (start < window) {
                throw new IllegalStateException("ledger got an event of window " + start + " after window " + window);
            }
            flush();
            window = start;
        }
        if (t.ledgerWindow != start) {
            Observation obs = t.obs;
            FlowKey key = new FlowKey(obs.interfaceId(), start, obs.srcAddr(), obs.dstAddr(), obs.srcPort(),
                    obs.dstPort(), obs.protocol(), t.rejected() ? Observation.REJECT : Observation.ACCEPT);
            t.ledgerTotals = flows.computeIfAbsent(key, k -> new Totals());
            t.ledgerWindow = start;
        }
        t.ledgerTotals.add(1, packets, bytes);
        if (attack != null) {
            attack.seen(timeMillis);
        }
    }

    /** Distinct keys handed over so far. */
    public long keys() {
        return keys + flows.size();
    }

    public long attacks() {
        return attacks.stream().filter(a -> a.events > 0).count();
    }

    private void flush() {
        if (flows.isEmpty()) {
            return;
        }
        for (Listener l : listeners) {
            l.window(window, flows);
        }
        keys += flows.size();
        flows = new LinkedHashMap<>(Math.max(16, flows.size() * 2));
    }

    @Override
    public void close() {
        flush();
        List<AttackEpisode> seen = attacks.stream().filter(a -> a.events > 0).toList();
        for (Listener l : listeners) {
            l.attacks(seen);
        }
        for (Listener l : listeners) {
            try {
                l.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close ledger output: " + e.getMessage(), e);
            }
        }
    }
}
