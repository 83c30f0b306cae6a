package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * An attempted transitive peering path: the interface opens a flow to an address of VPC C, which its own VPC A is
 * not peered with, while A and C are both peered with a VPC B. Peering is not transitive, so the traffic dies at
 * the peering (the app only sees its own egress records and its retries). Needs the network model (VPC CIDRs and
 * active peerings); without it this detector does not run.
 */
final class TransitivePeeringDetector implements Detector {
    static final String NAME = "transitive-peering";
    static final String TYPE = "Policy:VPC/TransitivePeeringAttempt";

    private final NetworkFacts network;

    TransitivePeeringDetector(NetworkFacts network) {
        this.network = network;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.openedLocally() || f.remoteIsPublic()) {
            return;
        }
        String from = f.record().getVpcId() != null ? f.record().getVpcId()
                : network.vpcOfInterface(f.interfaceId()).orElse(null);
        if (from == null || network.vpcContains(from, f.remoteAddr()) || reachableDirectly(from, f.remoteAddr())) {
            return;
        }
        for (String middle : network.peersOf(from)) {
            for (String to : network.peersOf(middle)) {
                if (!to.equals(from) && network.vpcContains(to, f.remoteAddr())) {
                    sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, f.interfaceId(), f.localActor(),
                            f.remoteAddr() + ":" + f.remotePort(), f.startMs(), 1, List.of(String.format(
                            "%s (%s) tries %s in %s; %s is peered with %s by %s and %s with %s by %s, but peering"
                                    + " is not transitive", f.localActor(), from, f.remoteAddr(), to, from, middle,
                            network.peeringBetween(from, middle), middle, to, network.peeringBetween(middle, to)),
                            "flow: " + f.describe())));
                    return;
                }
            }
        }
    }

    private boolean reachableDirectly(String from, String address) {
        return network.peersOf(from).stream().anyMatch(peer -> network.vpcContains(peer, address));
    }
}
