package io.vpcflow.streams.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vpcflow.schemas.avro.Finding;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds occurrences into findings, as GuardDuty does: the first occurrence of an id opens the finding and writes
 * it; later ones add to its count, move its last-seen time and refresh its evidence. A finding is written again at
 * most once per {@code updateInterval} of event time; an update folded in between is marked pending and written
 * by {@link #flush} once the interval has passed, so the topic always ends with the current state.
 */
final class FindingFolder {
    static final int MAX_EVIDENCE = 12;
    private static final String PENDING = "pending|";

    private final KeyValueStore<String, Finding> findings;
    private final KeyValueStore<String, Long> written;
    private final DetectorState state;
    private final long updateIntervalMs;
    private final MeterRegistry registry;
    private final BiConsumer<Finding, Long> output;

    FindingFolder(KeyValueStore<String, Finding> findings, KeyValueStore<String, Long> written, DetectorState state,
                  long updateIntervalMs, MeterRegistry registry, BiConsumer<Finding, Long> output) {
        this.findings = findings;
        this.written = written;
        this.state = state;
        this.updateIntervalMs = updateIntervalMs;
        this.registry = registry;
        this.output = output;
    }

    /** The finding id: stable per (type, resource, actor), so repeats fold into one finding. */
    static String idOf(String type, String resourceId, String actor) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((type + "\n" + resourceId + "\n" + actor).getBytes(StandardCharsets.UTF_8));
            return "vf-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    void fold(Occurrence o) {
        String id = idOf(o.type(), o.resourceId(), o.actor());
        Finding old = findings.get(id);
        if (old == null) {
            Finding opened = Finding.newBuilder().setId(id).setType(o.type()).setSeverity(o.severity())
                    .setResourceId(o.resourceId()).setActor(o.actor()).setTarget(o.target())
                    .setFirstSeen(Instant.ofEpochMilli(o.timeMs())).setLastSeen(Instant.ofEpochMilli(o.timeMs()))
                    .setCount(o.count()).setEvidence(cap(o.evidence())).setDetector(o.detector()).build();
            findings.put(id, opened);
            counter("vpcflow.findings", "type", o.type(), "severity", o.severity().name()).increment();
            write(opened, o.timeMs());
            return;
        }
        Finding updated = Finding.newBuilder(old).setCount(old.getCount() + o.count())
                .setFirstSeen(Instant.ofEpochMilli(Math.min(old.getFirstSeen().toEpochMilli(), o.timeMs())))
                .setLastSeen(Instant.ofEpochMilli(Math.max(old.getLastSeen().toEpochMilli(), o.timeMs())))
                .setSeverity(o.severity().ordinal() > old.getSeverity().ordinal() ? o.severity() : old.getSeverity())
                .setTarget(o.target() != null ? o.target() : old.getTarget())
                .setEvidence(merge(old.getEvidence(), o.evidence())).build();
        findings.put(id, updated);
        counter("vpcflow.findings.updates", "type", o.type()).increment();
        Long last = written.get(id);
        if (last == null || o.timeMs() - last >= updateIntervalMs) {
            write(updated, o.timeMs());
        } else {
            state.fact(PENDING + id, Long.toString(last));
        }
    }

    /** Writes each pending update whose interval has passed by {@code streamTimeMs}. */
    void flush(long streamTimeMs) {
        for (KeyValue<String, String> p : state.facts(PENDING)) {
            if (streamTimeMs - Long.parseLong(p.value) >= updateIntervalMs) {
                Finding f = findings.get(p.key.substring(PENDING.length()));
                if (f != null) {
                    write(f, streamTimeMs);
                }
                state.forget(p.key);
            }
        }
    }

    private void write(Finding f, long timeMs) {
        written.put(f.getId(), timeMs);
        state.forget(PENDING + f.getId());
        output.accept(f, timeMs);
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    /** The first occurrence's evidence stays; the newest fills the rest, up to {@link #MAX_EVIDENCE} lines. */
    private static List<String> merge(List<String> old, List<String> fresh) {
        List<String> out = new ArrayList<>(old.subList(0, Math.min(old.size(), MAX_EVIDENCE / 2)));
        List<String> rest = new ArrayList<>(old.subList(out.size(), old.size()));
        rest.addAll(fresh);
        int keep = MAX_EVIDENCE - out.size();
        out.addAll(rest.subList(Math.max(0, rest.size() - keep), rest.size()));
        return out;
    }

    private static List<String> cap(List<String> evidence) {
        return new ArrayList<>(evidence.subList(0, Math.min(evidence.size(), MAX_EVIDENCE)));
    }
}
