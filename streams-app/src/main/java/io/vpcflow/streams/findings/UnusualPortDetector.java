package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Behavior:EC2/NetworkPortUnusual: the interface opens a flow to a remote port (per protocol) that is not in its
 * history. The history is the ports the interface uses steadily: in at least {@code
 * findings.unusual-port.min-history-buckets} buckets and in at least {@code min-history-share} of the buckets since
 * its first flow. So a burst (a sweep or a flood lasting a minute or two, even one during learning) does not teach a
 * port. For {@code learning} after an interface's first flow nothing is reported, only counted. A port that raised
 * the finding stays suspicious for {@code quarantine}: its further use folds into the finding; after that it is
 * history.
 */
final class UnusualPortDetector implements Detector {
    static final String NAME = "unusual-port";
    static final String TYPE = "Behavior:EC2/NetworkPortUnusual";
    private static final String KNOWN = "k";
    private static final String SUSPECT = "q:";
    private static final String LEARNING = "n:";

    private final FindingsConfig.UnusualPort config;

    UnusualPortDetector(FindingsConfig.UnusualPort config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.openedLocally()) {
            return;
        }
        String firstKey = "port-first|" + f.interfaceId();
        String first = s.fact(firstKey);
        if (first == null) {
            s.fact(firstKey, Long.toString(f.startMs()));
            first = Long.toString(f.startMs());
        }
        String port = f.protocol() + "/" + f.remotePort();
        String portKey = "port|" + f.interfaceId() + "|" + port;
        String seen = s.fact(portKey);
        long t = f.startMs();
        if (seen == null || seen.startsWith(LEARNING)) {
            long bucket = s.bucketOf(t);
            String[] parts = seen == null ? null : seen.split(":");
            long buckets = (parts == null ? 0 : Long.parseLong(parts[1]))
                    + (parts != null && Long.parseLong(parts[2]) == bucket ? 0 : 1);
            long elapsed = (bucket - s.bucketOf(Long.parseLong(first))) / s.bucketMs() + 1;
            if (t - Long.parseLong(first) < config.learning().toMillis()) {
                s.fact(portKey, LEARNING + buckets + ":" + bucket);
            } else if (buckets >= config.minHistoryBuckets() && buckets >= config.minHistoryShare() * elapsed) {
                s.fact(portKey, KNOWN);
            } else {
                s.fact(portKey, SUSPECT + (t + config.quarantine().toMillis()));
                raise(f, port, String.format("remote port %s is not in %s's history: used in %d of its %d buckets"
                                + " (history needs %d and a share of %.2f)", port, f.interfaceId(), buckets - 1,
                        elapsed, config.minHistoryBuckets(), config.minHistoryShare()), sink);
            }
        } else if (seen.startsWith(SUSPECT)) {
            if (t < Long.parseLong(seen.substring(SUSPECT.length()))) {
                raise(f, port, "further use of remote port " + port + ", still within its quarantine", sink);
            } else {
                s.fact(portKey, KNOWN);
            }
        }
    }

    private static void raise(Flow f, String port, String why, FindingSink sink) {
        sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, f.interfaceId(), f.localActor(),
                f.remoteAddr() + " port " + port, f.startMs(), 1, List.of(why, "flow: " + f.describe())));
    }
}
