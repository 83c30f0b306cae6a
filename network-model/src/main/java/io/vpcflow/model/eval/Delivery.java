package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkInterface;

/** Where an accepted packet ended, so that its reply can start there. */
sealed interface Delivery {
    Packet packet();

    record ToInterface(NetworkInterface networkInterface, Packet packet) implements Delivery {
    }

    /** Left the model for the internet or an AWS public service; {@code hop} names which. */
    record ToInternet(String hop, Packet packet) implements Delivery {
    }

    /** Left through a gateway endpoint or a VPN gateway: the reply comes back through {@code gatewayId}. */
    record ThroughGateway(String gatewayId, String vpcId, Packet packet) implements Delivery {
    }
}
