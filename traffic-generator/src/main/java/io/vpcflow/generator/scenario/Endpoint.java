package io.vpcflow.generator.scenario;

import io.vpcflow.model.eval.Source;
import io.vpcflow.model.net.Ipv4;

/**
 * One end of a conversation: the name a scenario gave it, the address packets carry, the packet source when it can
 * send (null for a destination-only address such as a service), and its interface when it has one in the model.
 */
public record Endpoint(String name, int ip, Source source, String interfaceId) {
    public String address() {
        return Ipv4.format(ip);
    }
}
