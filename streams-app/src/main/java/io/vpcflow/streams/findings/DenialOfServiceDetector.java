package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;
import org.apache.kafka.streams.KeyValue;

/**
 * Backdoor:EC2/DenialOfService.Tcp, .Udp, .Dns or .UnusualProtocol: at least {@code
 * findings.dos.min-packets} packets from the interface to one public address within a bucket, with at most {@code
 * max-reply-ratio} as many packets coming back (a flood gets no answers; a large upload gets ACKs). The replies of
 * a bucket may be logged after its outbound record, so a candidate is decided once stream time has left the bucket.
 */
final class DenialOfServiceDetector implements Detector {
    static final String NAME = "dos";
    static final String TYPE_PREFIX = "Backdoor:EC2/DenialOfService.";
    private static final String PENDING = "dos-pending|";

    private final FindingsConfig.DenialOfService config;

    DenialOfServiceDetector(FindingsConfig.DenialOfService config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.remoteIsPublic()) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String key = "dos|" + f.interfaceId() + "|" + f.remoteAddr() + "|" + f.protocol();
        if (f.ingress()) {
            s.add(key + "|in", bucket, f.packets());
            return;
        }
        long out = s.add(key + "|out", bucket, f.packets());
        if (out - f.packets() < config.minPackets() && out >= config.minPackets()) {
            s.fact(PENDING + bucket + "|" + f.interfaceId() + "|" + f.remoteAddr() + "|" + f.protocol(),
                    f.localActor() + "|" + f.remotePort());
        }
    }

    @Override
    public void streamTimeAdvanced(long streamTimeMs, DetectorState s, FindingSink sink) {
        for (KeyValue<String, String> p : s.facts(PENDING)) {
            String[] k = p.key.substring(PENDING.length()).split("\\|");
            long bucket = Long.parseLong(k[0]);
            if (streamTimeMs < bucket + s.bucketMs()) {
                continue;
            }
            s.forget(p.key);
            String key = "dos|" + k[1] + "|" + k[2] + "|" + k[3];
            long out = s.count(key + "|out", bucket);
            long in = s.count(key + "|in", bucket);
            if (in > config.maxReplyRatio() * out) {
                continue;
            }
            String[] v = p.value.split("\\|");
            sink.raise(new Occurrence(NAME, TYPE_PREFIX + kind(Integer.parseInt(k[3]), Integer.parseInt(v[1])),
                    Severity.HIGH, k[1], v[0], k[2], bucket + s.bucketMs() - 1, 1,
                    List.of(String.format("%,d packets to %s (protocol %s) in the bucket from %d, %,d back"
                                    + " (thresholds: at least %,d out, at most %.2f of them back)", out, k[2], k[3],
                            bucket / 1000, in, config.minPackets(), config.maxReplyRatio()))));
        }
    }

    private static String kind(int protocol, int remotePort) {
        if (protocol == Flow.UDP) {
            return remotePort == 53 ? "Dns" : "Udp";
        }
        return protocol == Flow.TCP ? "Tcp" : "UnusualProtocol";
    }
}
