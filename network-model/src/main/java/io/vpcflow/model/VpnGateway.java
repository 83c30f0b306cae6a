package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;
import java.util.List;

/**
 * A virtual private gateway, modelled only as far as its static VPN routes: traffic for those prefixes leaves the
 * network through it; anything else has no route there. Tunnels and BGP are not modelled.
 */
public record VpnGateway(String id, List<String> attachedVpcIds, List<Cidr> staticRoutes) {
    public VpnGateway {
        Checks.id(id, "VPN gateway");
        attachedVpcIds = Checks.list(attachedVpcIds);
        staticRoutes = Checks.list(staticRoutes);
    }
}
