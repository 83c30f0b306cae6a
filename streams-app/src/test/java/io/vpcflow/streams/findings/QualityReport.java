package io.vpcflow.streams.findings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vpcflow.schemas.avro.Finding;

/**
 * Per-detector precision and recall of a run against its ground truth.
 *
 * <ul>
 *   <li>Precision: of the finding versions a detector wrote (open and every update), the share that match an
 *       incident of a scenario the detector should report ({@link Expectation#truePositive}).</li>
 *   <li>Recall: of the incidents of the scenarios the detector exists to catch ({@link Expectation#mustFind}), the
 *       share matched by at least one of its finding versions.</li>
 *   <li>A version matches an incident when its last-seen time lies within the incident's span (from a minute
 *       before to {@link #AFTER_MS} after, for bucket and decision delays) and its resource, actor or target
 *       names one of the incident's entities.</li>
 * </ul>
 */
final class QualityReport {
    static final long BEFORE_MS = 60_000;
    static final long AFTER_MS = 3 * 60_000;

    /**
     * What counts as right for one detector: the scenarios its findings may belong to, the scenarios whose
     * incidents it must find, and which of those incidents it can find at all: none before {@code learningMs} after
     * the run's start (a detector that learns a history first), and with {@code needsAcceptedProbe} only scans
     * that reached an open port.
     */
    record Expectation(Set<String> truePositive, Set<String> mustFind, long learningMs, boolean needsAcceptedProbe) {
        boolean findable(GroundTruth.Incident i, long runStartMs) {
            return mustFind.contains(i.scenario()) && i.firstMs() >= runStartMs + learningMs
                    && (!needsAcceptedProbe || i.acceptedInbound());
        }
    }

    /** The measured numbers of one detector. */
    record Score(String detector, int versions, int correct, int incidents, int found,
                 List<GroundTruth.Incident> missed) {
        double precision() {
            return versions == 0 ? Double.NaN : (double) correct / versions;
        }

        double recall() {
            return incidents == 0 ? Double.NaN : (double) found / incidents;
        }
    }

    static final Map<String, Expectation> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(PortScanDetector.NAME, of(Set.of("port-scan"), Set.of("port-scan")));
        EXPECTED.put(PortSweepDetector.NAME, of(Set.of("port-sweep"), Set.of("port-sweep")));
        EXPECTED.put(BruteForceDetector.NAME, of(Set.of("brute-force"), Set.of("brute-force")));
        EXPECTED.put(PortProbeDetector.NAME, new Expectation(Set.of("port-scan"), Set.of("port-scan"), 0, true));
        EXPECTED.put(UnusualPortDetector.NAME, new Expectation(Set.of("port-sweep", "udp-flood", "exfiltration"),
                Set.of("port-sweep", "udp-flood"), FindingsConfig.defaults().unusualPort().learning().toMillis(),
                false));
        EXPECTED.put(TrafficVolumeDetector.NAME, of(Set.of("exfiltration", "udp-flood"), Set.of("exfiltration")));
        EXPECTED.put(DenialOfServiceDetector.NAME, of(Set.of("udp-flood"), Set.of("udp-flood")));
        EXPECTED.put(RejectSpikeDetector.NAME, of(Set.of("port-scan", "port-sweep"), Set.of("port-scan")));
        EXPECTED.put(InternalRejectDetector.NAME, of(Set.of("sg-blocks-app-db"), Set.of("sg-blocks-app-db")));
        EXPECTED.put(NaclReplyDetector.NAME, of(Set.of("nacl-missing-ephemeral"), Set.of("nacl-missing-ephemeral")));
        EXPECTED.put(ServiceViaNatDetector.NAME, of(Set.of("s3-via-nat"), Set.of("s3-via-nat")));
        EXPECTED.put(TransitivePeeringDetector.NAME, of(Set.of("transitive-peering"), Set.of("transitive-peering")));
        EXPECTED.put(NatInboundDetector.NAME, of(Set.of(), Set.of()));
    }

    private static Expectation of(Set<String> truePositive, Set<String> mustFind) {
        return new Expectation(truePositive, mustFind, 0, false);
    }

    static Map<String, Score> score(List<Finding> versions, List<GroundTruth.Incident> incidents, long runStartMs) {
        Map<String, Score> out = new LinkedHashMap<>();
        EXPECTED.forEach((detector, expected) -> {
            List<Finding> mine = versions.stream().filter(f -> f.getDetector().equals(detector)).toList();
            int correct = 0;
            for (Finding f : mine) {
                if (incidents.stream().anyMatch(i -> expected.truePositive().contains(i.scenario())
                        && matches(f, i))) {
                    correct++;
                }
            }
            List<GroundTruth.Incident> wanted = incidents.stream()
                    .filter(i -> expected.findable(i, runStartMs)).toList();
            List<GroundTruth.Incident> missed = wanted.stream()
                    .filter(i -> mine.stream().noneMatch(f -> matches(f, i))).toList();
            out.put(detector, new Score(detector, mine.size(), correct, wanted.size(), wanted.size() - missed.size(),
                    missed));
        });
        return out;
    }

    static boolean matches(Finding f, GroundTruth.Incident i) {
        long t = f.getLastSeen().toEpochMilli();
        if (t < i.firstMs() - BEFORE_MS || t > i.lastMs() + AFTER_MS) {
            return false;
        }
        Set<String> names = new HashSet<>(List.of(f.getResourceId(), f.getActor()));
        if (f.getTarget() != null) {
            names.addAll(List.of(f.getTarget().split("[ :]")));
        }
        names.retainAll(i.entities());
        return !names.isEmpty();
    }

    static String table(Map<String, Score> scores) {
        List<String> rows = new ArrayList<>();
        rows.add("| detector | finding versions | correct | precision | incidents | found | recall |");
        rows.add("|---|---|---|---|---|---|---|");
        for (Score s : scores.values()) {
            rows.add(String.format("| %s | %d | %d | %s | %d | %d | %s |", s.detector(), s.versions(), s.correct(),
                    format(s.precision()), s.incidents(), s.found(), format(s.recall())));
        }
        for (Score s : scores.values()) {
            s.missed().forEach(i -> rows.add("missed by " + s.detector() + ": " + i.scenario() + " "
                    + Instant.ofEpochMilli(i.firstMs()) + ".." + Instant.ofEpochMilli(i.lastMs())));
        }
        return String.join("\n", rows);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.3f", v);
    }
}
