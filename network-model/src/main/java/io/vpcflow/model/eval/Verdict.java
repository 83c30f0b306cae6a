package io.vpcflow.model.eval;

/** What happened to a packet. */
public enum Verdict {
    /** Delivered to its destination, or left the modelled network towards it (internet, AWS service, VPN). */
    ACCEPTED,
    /** Dropped by a filter: a security group, a network ACL, or a gateway's own rule. */
    REJECTED,
    /** No usable route: none matches, a blackhole, or an address that nothing routes. */
    NO_ROUTE,
    /** Routed to the right place but nothing is there to receive it. */
    UNREACHABLE
}
