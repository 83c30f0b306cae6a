package io.vpcflow.generator.scenario;

/**
 * What the client of a conversation does, in packet terms. How much of it happens depends on the verdicts: a
 * connection the network rejects is only retried SYNs, one whose reply is rejected shows the retries both ways.
 */
public sealed interface Shape {

    /**
     * A TCP connection: handshake, {@code seconds} of data ({@code requestBytes} from the client,
     * {@code responseBytes} back), then FIN both ways, or a client RST when {@code reset}.
     */
    record TcpSession(int seconds, long requestBytes, long responseBytes, boolean reset) implements Shape {
    }

    /** A scanner's half-open probe: one SYN; an open port answers SYN-ACK and the scanner resets. No retries. */
    record SynProbe() implements Shape {
    }

    /**
     * UDP datagrams: {@code perSecond} requests of {@code requestSize} bytes for {@code seconds + 1} ticks, each
     * answered by one datagram of {@code responseSize} bytes ({@code 0}: no answer, as in a flood).
     */
    record Udp(int seconds, int perSecond, int requestSize, int responseSize) implements Shape {
    }

    /** {@code count} ICMP echo requests one second apart, each answered by an echo reply. */
    record IcmpEcho(int count) implements Shape {
    }
}
