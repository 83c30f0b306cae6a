package io.vpcflow.generator.scenario;

import io.vpcflow.model.net.Protocol;

/** One flow a scenario asks for: client, server, protocol, ports (0 for ICMP) and what the client does. */
public record Conversation(Endpoint client, Endpoint server, int protocol, int srcPort, int dstPort, Shape shape) {
    public Conversation {
        if (client.source() == null) {
            throw new IllegalArgumentException(client.name() + " cannot send: it is a destination-only address");
        }
    }

    public static Conversation tcp(Endpoint client, Endpoint server, int srcPort, int dstPort, Shape shape) {
        return new Conversation(client, server, Protocol.TCP, srcPort, dstPort, shape);
    }

    public static Conversation udp(Endpoint client, Endpoint server, int srcPort, int dstPort, Shape.Udp shape) {
        return new Conversation(client, server, Protocol.UDP, srcPort, dstPort, shape);
    }

    public static Conversation ping(Endpoint client, Endpoint server, int count) {
        return new Conversation(client, server, Protocol.ICMP, 0, 0, new Shape.IcmpEcho(count));
    }
}
