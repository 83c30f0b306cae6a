package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Behavior:EC2/NetworkPortUnusual: the interface opens a flow to a remote port (per protocol) it has not used
 * before. For {@code findings.unusual-port.learning} after an interface's first flow every port is learned
 * silently. A port that raised the finding stays suspicious for {@code quarantine}: its further use folds into the
 * finding; after that it joins the interface's history.
 */
final class UnusualPortDetector implements Detector {
    static final String NAME = "unusual-port";
    static final String TYPE = "Behavior:EC2/NetworkPortUnusual";
    private static final String KNOWN = "k";
    private static final String SUSPECT = "q:";

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
        if (seen == null) {
            if (t - Long.parseLong(first) < config.learning().toMillis()) {
                s.fact(portKey, KNOWN);
                return;
            }
            s.fact(portKey, SUSPECT + (t + config.quarantine().toMillis()));
            raise(f, port, "first use of remote port " + port + " by " + f.interfaceId(), sink);
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
