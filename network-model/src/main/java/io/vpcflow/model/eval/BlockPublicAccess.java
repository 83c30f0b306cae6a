package io.vpcflow.model.eval;

import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcBlockPublicAccessExclusion;
import io.vpcflow.model.VpcBlockPublicAccessOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * VPC Block Public Access (BPA) as the evaluator applies it to a packet crossing an internet gateway, at the
 * interface on the VPC side (the sender of outbound traffic, the receiver of inbound traffic; for NAT traffic the
 * NAT gateway). Built once per model.
 *
 * <p>What AWS documents, and what vpcflow makes of it:
 * <ul>
 * <li>The mode is per account and Region and covers the internet gateways (and IPv6 egress-only internet gateways,
 *     not modelled) of the account's VPCs there: {@code block-bidirectional} blocks traffic to and from them both
 *     ways; {@code block-ingress} blocks internet-originated traffic and lets "only traffic to and from NAT
 *     gateways and egress-only internet gateways" through
 *     (https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html). So under {@code block-ingress} an
 *     instance with a public IP can neither be reached nor open connections directly through the internet gateway,
 *     while a private subnet's traffic out through a NAT gateway (and its replies) still flows.</li>
 * <li>NAT gateways "require an internet gateway for internet connectivity" and their traffic is blocked too
 *     (https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-basics.html): under
 *     {@code block-bidirectional}, vpcflow lets traffic out through a NAT gateway only where the NAT gateway's
 *     subnet (or VPC) is excluded, as that is where the traffic meets the internet gateway; the exclusion of a
 *     private subnet behind it alone does not help (vpcflow's reading: the pages above do not spell this case
 *     out; AWS's advanced example, https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-example.html,
 *     excludes the NAT gateway's subnet).</li>
 * <li>Exclusions: {@code allow-bidirectional} exempts the VPC or subnet entirely; {@code allow-egress} allows
 *     connections opened from inside and blocks inbound ones, and "only applies when VPC Block Public Access is set
 *     to Bidirectional" (API_VpcBlockPublicAccessExclusion), so under {@code block-ingress} it changes nothing.
 *     Where both the subnet and its VPC are excluded, vpcflow takes the more permissive mode (AWS does not say).</li>
 * <li>Only internet-gateway traffic is governed: VPC peering, VPN gateways, gateway and interface endpoints
 *     (PrivateLink) and traffic inside a VPC never meet this check.</li>
 * <li>Replies belong to their connection: the decision depends on who opened it, so the reply of a connection BPA
 *     allowed is allowed.</li>
 * <li>BPA is authoritative: it overrides what route tables, security groups and network ACLs allow. Which check AWS
 *     makes first when both would drop a packet is not documented; vpcflow checks BPA first, so such a packet is
 *     reported as {@link ExplanationCode#BPA_BLOCKED}. Flow logs record the drop at the interface as REJECT with
 *     {@code reject-reason} BPA (flow-log version 8 field).</li>
 * </ul>
 */
final class BlockPublicAccess {
    private final Network network;
    private final Map<String, VpcBlockPublicAccessExclusion> exclusionOf = new HashMap<>();

    BlockPublicAccess(Network network) {
        this.network = network;
        for (VpcBlockPublicAccessExclusion exclusion : network.blockPublicAccessExclusions()) {
            exclusionOf.merge(exclusion.resourceId(), exclusion, BlockPublicAccess::morePermissive);
        }
    }

    /** Why BPA drops the packet: the mode, the exclusion that applied (null for none), and whether inbound. */
    record Blocked(VpcBlockPublicAccessOptions.Mode mode, VpcBlockPublicAccessExclusion exclusion, boolean inbound) {
        String rule(String igwId) {
            return "InternetGatewayBlockMode " + mode.awsName() + " blocks "
                    + (inbound ? "inbound traffic from " : "traffic to ") + igwId + "; exclusion: " + exclusionText();
        }

        String explanation(NetworkInterface eni, String igwId) {
            return "VPC Block Public Access (" + mode.awsName() + ") blocks traffic through " + igwId
                    + (inbound ? " into " : " from ") + eni.id() + " (subnet " + eni.subnetId() + "); exclusion: "
                    + exclusionText();
        }

        private String exclusionText() {
            return exclusion == null ? "none" : exclusion.id() + " (" + exclusion.resourceId() + ", "
                    + exclusion.mode().awsName() + ")";
        }
    }

    /**
     * Whether BPA stops a packet crossing an internet gateway at {@code eni}: null when it passes. {@code inbound}
     * is the packet's direction (from the internet); {@code reply} says it answers a connection opened the other
     * way, so a connection is opened from inside when the packet goes out as a new flow or comes in as a reply.
     */
    Blocked check(NetworkInterface eni, boolean inbound, boolean reply) {
        Vpc vpc = network.vpc(eni.vpcId()).orElse(null);
        if (vpc == null) {
            return null;
        }
        VpcBlockPublicAccessOptions.Mode mode = network.blockPublicAccess(vpc.accountId(), vpc.region())
                .map(VpcBlockPublicAccessOptions::mode).orElse(VpcBlockPublicAccessOptions.Mode.OFF);
        if (mode == VpcBlockPublicAccessOptions.Mode.OFF) {
            return null;
        }
        VpcBlockPublicAccessExclusion exclusion = morePermissive(exclusionOf.get(eni.subnetId()),
                exclusionOf.get(eni.vpcId()));
        boolean openedInside = inbound == reply;
        return allowed(mode, exclusion, openedInside, eni.type() == InterfaceType.NAT_GATEWAY) ? null
                : new Blocked(mode, exclusion, inbound);
    }

    private static boolean allowed(VpcBlockPublicAccessOptions.Mode mode, VpcBlockPublicAccessExclusion exclusion,
                                   boolean openedInside, boolean natGateway) {
        VpcBlockPublicAccessExclusion.Mode excluded = exclusion == null ? null : exclusion.mode();
        if (excluded == VpcBlockPublicAccessExclusion.Mode.ALLOW_BIDIRECTIONAL) {
            return true;
        }
        if (mode == VpcBlockPublicAccessOptions.Mode.BLOCK_BIDIRECTIONAL) {
            return openedInside && excluded == VpcBlockPublicAccessExclusion.Mode.ALLOW_EGRESS;
        }
        return openedInside && natGateway;
    }

    private static VpcBlockPublicAccessExclusion morePermissive(VpcBlockPublicAccessExclusion a,
                                                                VpcBlockPublicAccessExclusion b) {
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        return b.mode() == VpcBlockPublicAccessExclusion.Mode.ALLOW_BIDIRECTIONAL
                && a.mode() != VpcBlockPublicAccessExclusion.Mode.ALLOW_BIDIRECTIONAL ? b : a;
    }
}
