package io.vpcflow.model.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for a packet, what AWS would do with it: a pure function of the compiled model and the packet. A new flow
 * that is accepted also gets its reply evaluated, routed on its own (replies need routes back) but passing the
 * stateful parts (security groups, NAT gateways, load balancers) through the forward packet's connection state.
 * Thread-safe: each call walks with its own state.
 */
public final class Evaluator {
    private final CompiledNetwork net;

    public Evaluator(CompiledNetwork net) {
        this.net = net;
    }

    public CompiledNetwork network() {
        return net;
    }

    /** A new flow's first packet from {@code source}; the reply is evaluated too when the packet is accepted. */
    public Evaluation evaluate(Source source, Packet packet) {
        PacketWalk walk = new PacketWalk(net, packet, false, new ArrayList<>());
        Evaluation forward = walk.start(source);
        if (!forward.accepted() || walk.delivery == null) {
            return forward;
        }
        return forward.withReply(replyTo(walk.delivery, walk.session));
    }

    /**
     * A reply packet sent from {@code replySource}. Where {@code forwardSource} (the reply's destination) can send
     * the forward packet and it is accepted, the answer is that forward flow's reply, with its connection state;
     * otherwise the reply is walked as established traffic with no translation state.
     */
    public Evaluation evaluateReply(Source replySource, Source forwardSource, Packet replyPacket) {
        if (forwardSource != null) {
            Evaluation forward = evaluate(forwardSource, replyPacket.reversedAsRequest());
            if (forward.reply() != null) {
                return forward.reply();
            }
        }
        return new PacketWalk(net, replyPacket, true, List.of()).start(replySource);
    }

    private Evaluation replyTo(Delivery delivery, List<Translation> session) {
        Packet reply = delivery.packet().reversed();
        PacketWalk walk = new PacketWalk(net, reply, true, session);
        if (delivery instanceof Delivery.ToInterface to) {
            return walk.leaveInterface(to.networkInterface(), reply);
        }
        if (delivery instanceof Delivery.ThroughGateway through) {
            walk.hop(through.gatewayId());
            walk.hop(through.vpcId());
            return walk.deliverInVpc(net.vpc(through.vpcId()), reply, null);
        }
        return walk.gateways.fromOutside(((Delivery.ToInternet) delivery).hop(), reply);
    }
}
