package io.vpcflow.model.eval;

import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.net.Ipv4;

/** Destinations whose traffic AWS never writes to flow logs. */
final class NotLogged {
    private static final int AMAZON_DNS_LINK_LOCAL = Ipv4.parse("169.254.169.253");
    private static final int INSTANCE_METADATA = Ipv4.parse("169.254.169.254");
    private static final int TIME_SYNC = Ipv4.parse("169.254.169.123");

    private NotLogged() {
    }

    /** A name for the unlogged service at {@code address}, or null when traffic to it is logged. */
    static String destination(Vpc vpc, Subnet subnet, int address) {
        if (address == AMAZON_DNS_LINK_LOCAL || (vpc != null && address == vpc.amazonDnsAddress())) {
            return "amazon-dns";
        }
        if (address == INSTANCE_METADATA) {
            return "instance-metadata";
        }
        if (address == TIME_SYNC) {
            return "amazon-time-sync";
        }
        if (subnet != null && address == subnet.routerAddress()) {
            return "vpc-router";
        }
        return null;
    }
}
