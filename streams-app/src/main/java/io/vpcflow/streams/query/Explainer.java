package io.vpcflow.streams.query;

import java.util.Map;

import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.EndpointResolver;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.EvaluationJson;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.net.Protocol;

/**
 * The network model's answer for one packet, as {@code vpcflow explain --json} prints it: a new TCP flow carries
 * SYN, a reply (with {@code reply=true}) SYN-ACK; ICMP is an echo request (or reply).
 */
final class Explainer {
    private final Evaluator evaluator;

    /** {@code network} may be {@code null}: the app was started without one, and explain answers 404. */
    Explainer(Network network) {
        this.evaluator = network == null ? null : new Evaluator(CompiledNetwork.of(network));
    }

    Map<String, Object> explain(Params params) {
        String from = params.required("from");
        String to = params.required("to");
        int protocol;
        try {
            protocol = Protocol.parse(params.string("protocol", "tcp"));
        } catch (IllegalArgumentException e) {
            throw QueryException.badRequest("parameter 'protocol': " + e.getMessage());
        }
        int port = params.integer("port", 0, 0, 65535);
        int srcPort = params.integer("src-port", 49152, 0, 65535);
        boolean reply = params.bool("reply", false);
        if (Protocol.hasPorts(protocol) && port == 0) {
            throw QueryException.badRequest("parameter 'port' is required for " + Protocol.name(protocol)
                    + " (the destination port, 1-65535)");
        }
        if (evaluator == null) {
            throw QueryException.notFound("this instance was started without a network; start it with --network"
                    + " to explain packets");
        }
        try {
            return EvaluationJson.toMap(evaluate(from, to, protocol, srcPort, port, reply));
        } catch (IllegalArgumentException e) {
            throw QueryException.badRequest(e.getMessage().replace("--from", "from").replace("--to", "to"));
        }
    }

    private Evaluation evaluate(String from, String to, int protocol, int srcPort, int port, boolean reply) {
        EndpointResolver resolver = new EndpointResolver(evaluator.network());
        Source source = resolver.source(from);
        int dst = resolver.destination(to, source);
        boolean ports = Protocol.hasPorts(protocol);
        boolean icmp = protocol == Protocol.ICMP;
        int flags = protocol == Protocol.TCP ? (reply ? Packet.SYN | Packet.ACK : Packet.SYN) : 0;
        Packet packet = new Packet(source.ip(), dst, protocol, ports ? srcPort : 0, ports ? port : 0, flags,
                icmp ? (reply ? 0 : 8) : -1, icmp ? 0 : -1);
        if (!reply) {
            return evaluator.evaluate(source, packet);
        }
        Source forward;
        try {
            forward = resolver.source(to);
        } catch (IllegalArgumentException e) {
            forward = null;
        }
        return evaluator.evaluateReply(source, forward, packet);
    }
}
