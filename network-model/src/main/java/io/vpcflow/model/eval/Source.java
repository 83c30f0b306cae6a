package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpnGateway;

/** Where a packet starts, with the source address it carries. */
public sealed interface Source {
    int ip();

    /** A network interface sends it (an instance, or any other ENI). */
    record AtInterface(NetworkInterface networkInterface, int ip) implements Source {
    }

    /** A host in a subnet that owns no modelled interface (a spoofed or unknown source address). */
    record InSubnet(Subnet subnet, int ip) implements Source {
    }

    /** Injected at a VPC's router, as if it came from outside the subnets. */
    record AtVpcRouter(Vpc vpc, int ip) implements Source {
    }

    /** Arrives from the VPN side of a virtual private gateway. */
    record FromVpn(VpnGateway gateway, String vpcId, int ip) implements Source {
    }

    /** A host on the internet or an AWS public service address. */
    record External(int ip) implements Source {
    }
}
