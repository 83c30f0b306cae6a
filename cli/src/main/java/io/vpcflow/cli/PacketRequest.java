package io.vpcflow.cli;

import io.vpcflow.model.eval.EndpointResolver;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.net.Protocol;

/** A packet as commands describe it (endpoint names, protocol, ports), evaluated as a new flow or a reply. */
record PacketRequest(String from, String to, int protocol, int srcPort, int dstPort, int tcpFlags, int icmpType,
                     int icmpCode, boolean reply) {

    /**
     * Evaluates the packet. A reply is answered, where possible, as the reply of the forward flow from {@code to},
     * with that flow's connection state (NAT and load-balancer translations).
     */
    Evaluation evaluate(Evaluator evaluator) {
        EndpointResolver resolver = new EndpointResolver(evaluator.network());
        Source source = resolver.source(from);
        Packet packet = packet(source.ip(), resolver.destination(to, source));
        return reply ? evaluator.evaluateReply(source, forwardSource(resolver), packet)
                : evaluator.evaluate(source, packet);
    }

    private Packet packet(int srcIp, int dstIp) {
        boolean ports = Protocol.hasPorts(protocol);
        boolean icmp = protocol == Protocol.ICMP;
        int type = icmp ? (reply && icmpType == 8 ? 0 : icmpType) : -1;
        return new Packet(srcIp, dstIp, protocol, ports ? srcPort : 0, ports ? dstPort : 0, tcpFlags, type,
                icmp ? icmpCode : -1);
    }

    /** The reply's destination as the source of the forward flow, when it can be one. */
    private Source forwardSource(EndpointResolver resolver) {
        try {
            return resolver.source(to);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
