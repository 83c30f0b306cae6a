package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkInterface;

/** Connection state a forward packet leaves behind at a translating component, used to route its reply. */
sealed interface Translation {
    /** A NAT gateway rewrote {@code original}'s source to its own address and {@code translatedPort}. */
    record Nat(NetworkInterface natInterface, Packet original, int translatedPort) implements Translation {
    }

    /**
     * A load balancer (through PrivateLink or directly) took {@code clientSide} at {@code frontInterface} and opened
     * {@code backendSide} from {@code balancerInterface} to a target.
     */
    record Balanced(NetworkInterface frontInterface, Packet clientSide, NetworkInterface balancerInterface,
                    Packet backendSide) implements Translation {
    }
}
