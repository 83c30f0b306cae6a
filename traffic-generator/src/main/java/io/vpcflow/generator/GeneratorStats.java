package io.vpcflow.generator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of everything the generator moves, readable from any thread while it runs: events by scenario and action,
 * packets and bytes, flows evaluated and flows AWS never logs, episodes by scenario. Exposed as plain accessors; the
 * names in {@link #toMap()} are the ones metrics will use ({@code generator_..._total}).
 */
public final class GeneratorStats {
    private final List<String> scenarios;
    private final AtomicLongArray accepted;
    private final AtomicLongArray rejected;
    private final AtomicLongArray episodes;
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong flows = new AtomicLong();
    private final AtomicLong flowsNotLogged = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile long simulatedMillis;

    GeneratorStats(List<String> scenarios) {
        this.scenarios = List.copyOf(scenarios);
        this.accepted = new AtomicLongArray(scenarios.size());
        this.rejected = new AtomicLongArray(scenarios.size());
        this.episodes = new AtomicLongArray(scenarios.size());
    }

    // one thread (the generator's) writes these counters: plain read, opaque write is enough for readers to see
    // progress without paying for an atomic read-modify-write per event

    void event(int scenario, boolean reject, long eventPackets, long eventBytes) {
        AtomicLongArray counts = reject ? rejected : accepted;
        counts.setOpaque(scenario, counts.getPlain(scenario) + 1);
        packets.setOpaque(packets.getPlain() + eventPackets);
        bytes.setOpaque(bytes.getPlain() + eventBytes);
    }

    void episode(int scenario) {
        episodes.setOpaque(scenario, episodes.getPlain(scenario) + 1);
    }

    void flow(boolean logged) {
        flows.setOpaque(flows.getPlain() + 1);
        if (!logged) {
            flowsNotLogged.setOpaque(flowsNotLogged.getPlain() + 1);
        }
    }

    void sendError() {
        sendErrors.incrementAndGet();
    }

    void clock(long millis) {
        simulatedMillis = millis;
    }

    public long events() {
        return acceptedEvents() + rejectedEvents();
    }

    public long acceptedEvents() {
        return sum(accepted);
    }

    public long rejectedEvents() {
        return sum(rejected);
    }

    public long events(String scenario, boolean reject) {
        int i = scenarios.indexOf(scenario);
        return i < 0 ? 0 : (reject ? rejected : accepted).get(i);
    }

    public long episodes(String scenario) {
        int i = scenarios.indexOf(scenario);
        return i < 0 ? 0 : episodes.get(i);
    }

    public long packets() {
        return packets.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long flows() {
        return flows.get();
    }

    public long flowsNotLogged() {
        return flowsNotLogged.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /**
     * Registers these counters as Micrometer function counters (read at scrape time, nothing added to the hot path):
     * {@code vpcflow_generator_events_total{scenario,action}} for every scenario of the catalogue, and the totals
     * {@code vpcflow_generator_packets_total}, {@code _bytes_total}, {@code _flows_total},
     * {@code _flows_not_logged_total}, {@code _send_errors_total}.
     */
    public void bindTo(MeterRegistry registry) {
        for (int i = 0; i < scenarios.size(); i++) {
            int scenario = i;
            FunctionCounter.builder("vpcflow.generator.events", accepted, a -> a.get(scenario))
                    .description("packet events generated").tag("scenario", scenarios.get(i)).tag("action", "ACCEPT")
                    .register(registry);
            FunctionCounter.builder("vpcflow.generator.events", rejected, a -> a.get(scenario))
                    .description("packet events generated").tag("scenario", scenarios.get(i)).tag("action", "REJECT")
                    .register(registry);
        }
        total(registry, "vpcflow.generator.packets", "packets of the generated events", GeneratorStats::packets);
        total(registry, "vpcflow.generator.bytes", "bytes of the generated events", GeneratorStats::bytes);
        total(registry, "vpcflow.generator.flows", "flows evaluated", GeneratorStats::flows);
        total(registry, "vpcflow.generator.flows.not.logged", "flows AWS never logs (no events)",
                GeneratorStats::flowsNotLogged);
        total(registry, "vpcflow.generator.send.errors", "events Kafka did not accept", GeneratorStats::sendErrors);
    }

    private void total(MeterRegistry registry, String name, String description, ToDoubleFunction<GeneratorStats> f) {
        FunctionCounter.builder(name, this, f).description(description).register(registry);
    }

    /** Event time of the latest event produced (epoch ms). */
    public long clockMillis() {
        return simulatedMillis;
    }

    /** Totals and per-scenario counts, for the summary. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator_events_total", events());
        m.put("generator_events_rejected_total", rejectedEvents());
        m.put("generator_packets_total", packets());
        m.put("generator_bytes_total", bytes());
        m.put("generator_flows_total", flows());
        m.put("generator_flows_not_logged_total", flowsNotLogged());
        m.put("generator_send_errors_total", sendErrors());
        Map<String, Object> byScenario = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            if (episodes.get(i) == 0 && accepted.get(i) == 0 && rejected.get(i) == 0) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("episodes", episodes.get(i));
            s.put("accept", accepted.get(i));
            s.put("reject", rejected.get(i));
            byScenario.put(scenarios.get(i), s);
        }
        m.put("scenarios", byScenario);
        return m;
    }

    private static long sum(AtomicLongArray a) {
        long total = 0;
        for (int i = 0; i < a.length(); i++) {
            total += a.get(i);
        }
        return total;
    }
}
