package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.SharedFiles;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.model.net.Protocol;

/** The bundled sample network, loaded and compiled once, with a one-line way to evaluate a packet on it. */
final class SampleNetwork {
    static final Evaluator EVALUATOR = load();
    static final EndpointResolver RESOLVER = new EndpointResolver(EVALUATOR.network());

    private SampleNetwork() {
    }

    private static Evaluator load() {
        LoadedNetwork loaded = NetworkLoader.load(SharedFiles.repositoryRoot().resolve("examples/sample-network.yaml"));
        assertThat(loaded.hasErrors()).as("sample network loads: " + loaded.problems()).isFalse();
        return new Evaluator(CompiledNetwork.of(loaded.network()));
    }

    /** A new flow's first packet: TCP/UDP to {@code port}, ICMP echo request, or any other protocol number. */
    static Evaluation evaluate(String from, String to, String protocol, int port) {
        Source source = RESOLVER.source(from);
        int proto = Protocol.parse(protocol);
        boolean ports = Protocol.hasPorts(proto);
        boolean icmp = proto == Protocol.ICMP;
        Packet packet = new Packet(source.ip(), RESOLVER.destination(to, source), proto, ports ? 49152 : 0,
                ports ? port : 0, proto == Protocol.TCP ? Packet.SYN : 0, icmp ? 8 : -1, icmp ? 0 : -1);
        return EVALUATOR.evaluate(source, packet);
    }
}
