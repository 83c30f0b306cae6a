package io.vpcflow.streams.findings;

import java.util.ArrayList;
import java.util.List;

/** The detector catalogue, in the order they run. */
public final class Detectors {
    /** Every detector's name, for {@code findings.disabled}. */
    public static final List<String> NAMES = List.of(PortScanDetector.NAME, PortSweepDetector.NAME,
            BruteForceDetector.NAME, PortProbeDetector.NAME, UnusualPortDetector.NAME, TrafficVolumeDetector.NAME,
            DenialOfServiceDetector.NAME, RejectSpikeDetector.NAME, InternalRejectDetector.NAME, NaclReplyDetector.NAME,
            ServiceViaNatDetector.NAME, TransitivePeeringDetector.NAME, NatInboundDetector.NAME);
    /** The detectors that do not run without a network model. */
    public static final List<String> NEED_MODEL = List.of(TransitivePeeringDetector.NAME, NatInboundDetector.NAME);

    private Detectors() {
    }

    /** The enabled detectors; {@code network} null leaves out those in {@link #NEED_MODEL}. */
    static List<Detector> create(FindingsConfig c, NetworkFacts network) {
        List<Detector> all = new ArrayList<>(List.of(new PortScanDetector(c.portScan()),
                new PortSweepDetector(c.portSweep()), new BruteForceDetector(c.bruteForce()),
                new PortProbeDetector(c.portProbe()), new UnusualPortDetector(c.unusualPort()),
                new TrafficVolumeDetector(c.trafficVolume()), new DenialOfServiceDetector(c.denialOfService()),
                new RejectSpikeDetector(c.rejectSpike()), new InternalRejectDetector(c.internalReject()),
                new NaclReplyDetector(), new ServiceViaNatDetector(network)));
        if (network != null) {
            all.add(new TransitivePeeringDetector(network));
            all.add(new NatInboundDetector(c.natInbound(), network));
        }
        return all.stream().filter(d -> c.enabled(d.name())).toList();
    }
}
