package io.vpcflow.bench;

import io.vpcflow.model.AwsIpRanges;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.eval.Verdict;
import io.vpcflow.model.net.Ipv4;
import java.util.List;

/**
 * The baseline the compiled evaluator is measured against: the same decisions for the same model records, by linear
 * scan. Every security-group rule of every group of the interface is tried in order, every ACL entry in rule-number
 * order until one matches, every route of the table for the longest prefix. Finding an entity by id or an interface
 * by address uses hash maps ({@link NaiveIndex}), since that is not rule evaluation.
 *
 * <p>It covers what the {@link PacketPool} sends (interfaces, subnets, the local router, internet gateways, active
 * peerings) and throws on anything else (NAT gateways, endpoints, load balancers, VPN). It returns verdicts, not the
 * hop path or flow-log observations. A new flow's reply is decided too, as the real evaluator does.
 */
public final class NaiveEvaluator {
    /** The verdict, the explanation code, where it was blocked, the deciding ACL entry if any, and the reply's. */
    public record Result(Verdict verdict, ExplanationCode code, String blockedAt, NetworkAclEntry aclEntry,
                         Result reply) {
        Result withReply(Result replyResult) {
            return new Result(verdict, code, blockedAt, aclEntry, replyResult);
        }
    }

    private static final String INTERNET = "internet";

    private final NaiveIndex index;
    private final AwsIpRanges ranges;

    public NaiveEvaluator(Network network) {
        this.index = new NaiveIndex(network);
        this.ranges = AwsIpRanges.bundled();
    }

    public Result evaluate(Source source, Packet packet) {
        Walk forward = new Walk(false);
        Result result;
        if (source instanceof Source.AtInterface at) {
            result = forward.leaveInterface(at.networkInterface(), packet);
        } else if (source instanceof Source.External) {
            result = forward.towardsPublicAddress(packet);
        } else {
            throw new UnsupportedOperationException("the naive baseline does not model " + source);
        }
        if (result.verdict() != Verdict.ACCEPTED || forward.deliveredTo == null && forward.leftAs == null) {
            return result;
        }
        Walk back = new Walk(true);
        if (forward.deliveredTo != null) {
            return result.withReply(back.leaveInterface(forward.deliveredTo, forward.delivered.reversed()));
        }
        return result.withReply(back.towardsPublicAddress(forward.leftAs.reversed()));
    }

    /** One packet's walk; {@code reply} packets pass the security groups through the connection state. */
    private final class Walk {
        private final boolean reply;
        private NetworkInterface deliveredTo;
        private Packet delivered;
        private Packet leftAs;

        Walk(boolean reply) {
            this.reply = reply;
        }

        Result leaveInterface(NetworkInterface eni, Packet p) {
            Subnet subnet = index.subnet(eni.subnetId());
            boolean sameSubnet = subnet.cidr().contains(p.dstIp());
            if (!reply && unlogged(index.vpc(eni.vpcId()), subnet, p.dstIp())) {
                throw new UnsupportedOperationException("the naive baseline does not model unlogged destinations");
            }
            if (!reply && filtered(eni) && !securityGroupsAllow(eni, true, p, p.dstIp())) {
                return result(Verdict.REJECTED, ExplanationCode.ENI_SG_RULES_MISMATCH, groupsOf(eni), null);
            }
            if (!sameSubnet) {
                Result denied = aclCheck(subnet, true, p);
                if (denied != null) {
                    return denied;
                }
            }
            if (sameSubnet) {
                return arriveAtAddress(subnet, p);
            }
            return follow(index.vpc(eni.vpcId()), subnet, p);
        }

        private Result follow(Vpc vpc, Subnet subnet, Packet p) {
            RouteTable table = index.routeTableOf(subnet.id());
            if (table == null) {
                return result(Verdict.NO_ROUTE, ExplanationCode.NO_ROUTE_TO_DESTINATION, subnet.id(), null);
            }
            Route route = longestPrefixMatch(table, p.dstIp());
            if (route == null) {
                return result(Verdict.NO_ROUTE, ExplanationCode.NO_ROUTE_TO_DESTINATION, table.id(), null);
            }
            if (route.blackhole()) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ROUTE, table.id(), null);
            }
            switch (route.target()) {
                case LOCAL:
                    return deliverInVpc(vpc, p, subnet);
                case INTERNET_GATEWAY:
                    return toInternetGateway(vpc, route.targetId(), p);
                case VPC_PEERING:
                    return acrossPeering(vpc, route.targetId(), p);
                default:
                    throw new UnsupportedOperationException("the naive baseline does not model " + route);
            }
        }

        private Result toInternetGateway(Vpc vpc, String igwId, Packet p) {
            if (index.internetGateway(igwId) == null) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ROUTE, igwId, null);
            }
            InternetGateway igw = index.internetGatewayOf(vpc.id());
            if (igw == null || !igw.id().equals(igwId)) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ATTACHMENT, igwId, null);
            }
            NetworkInterface sender = index.interfaceAt(vpc.id(), p.srcIp());
            if (sender == null || sender.publicIp() == null) {
                return result(Verdict.REJECTED, ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, igwId, null);
            }
            return towardsPublicAddress(p.withSource(Ipv4.parse(sender.publicIp()), p.srcPort()));
        }

        Result towardsPublicAddress(Packet p) {
            if (Ipv4.isPrivate(p.dstIp())) {
                return result(Verdict.NO_ROUTE, ExplanationCode.INTERNET_PRIVATE_ADDRESS, INTERNET, null);
            }
            NetworkInterface owner = index.interfaceByPublicIp(p.dstIp());
            if (owner != null) {
                InternetGateway igw = index.internetGatewayOf(owner.vpcId());
                if (igw == null) {
                    return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ATTACHMENT, owner.vpcId(), null);
                }
                Packet translated = p.withDestination(Ipv4.parse(owner.primaryPrivateIp()), p.dstPort());
                return deliverInVpc(index.vpc(owner.vpcId()), translated, null);
            }
            if (ranges.serviceOf(p.dstIp()) != null) {
                throw new UnsupportedOperationException("the naive baseline does not model AWS service addresses");
            }
            leftAs = p;
            return result(Verdict.ACCEPTED, null, null, null);
        }

        private Result acrossPeering(Vpc vpc, String pcxId, Packet p) {
            VpcPeeringConnection pcx = index.peering(pcxId);
            if (pcx == null) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ROUTE, pcxId, null);
            }
            if (pcx.status() != PeeringStatus.ACTIVE) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE, pcxId, null);
            }
            if (!pcx.connects(vpc.id())) {
                return result(Verdict.NO_ROUTE, ExplanationCode.BAD_STATE_ATTACHMENT, pcxId, null);
            }
            Vpc peer = index.vpc(pcx.peerOf(vpc.id()).vpcId());
            if (peer == null) {
                return result(Verdict.UNREACHABLE, ExplanationCode.NO_PATH, pcxId, null);
            }
            if (!peer.contains(p.dstIp())) {
                return result(Verdict.NO_ROUTE, ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, pcxId, null);
            }
            return deliverInVpc(peer, p, null);
        }

        private Result deliverInVpc(Vpc vpc, Packet p, Subnet fromSubnet) {
            Subnet subnet = null;
            for (Subnet candidate : index.subnetsOf(vpc.id())) {
                if (candidate.cidr().contains(p.dstIp())
                        && (subnet == null || candidate.cidr().prefixLength() > subnet.cidr().prefixLength())) {
                    subnet = candidate;
                }
            }
            if (subnet == null) {
                return result(Verdict.NO_ROUTE, ExplanationCode.ADDRESS_NOT_IN_ANY_SUBNET, vpc.id(), null);
            }
            if (fromSubnet == null || !fromSubnet.id().equals(subnet.id())) {
                Result denied = aclCheck(subnet, false, p);
                if (denied != null) {
                    return denied;
                }
            }
            return arriveAtAddress(subnet, p);
        }

        private Result arriveAtAddress(Subnet subnet, Packet p) {
            NetworkInterface target = index.interfaceAt(subnet.vpcId(), p.dstIp());
            if (target == null || !target.subnetId().equals(subnet.id())) {
                return result(Verdict.UNREACHABLE, ExplanationCode.NO_INTERFACE_AT_ADDRESS, subnet.id(), null);
            }
            if (target.type() != InterfaceType.INSTANCE && target.type() != InterfaceType.OTHER) {
                throw new UnsupportedOperationException("the naive baseline does not model " + target.type());
            }
            if (!reply && filtered(target) && !securityGroupsAllow(target, false, p, p.srcIp())) {
                return result(Verdict.REJECTED, ExplanationCode.ENI_SG_RULES_MISMATCH, groupsOf(target), null);
            }
            deliveredTo = target;
            delivered = p;
            return result(Verdict.ACCEPTED, null, null, null);
        }

        /** The ACL's verdict where the packet leaves or enters {@code subnet}: null when it passes. */
        private Result aclCheck(Subnet subnet, boolean egress, Packet p) {
            NetworkAcl acl = index.aclOf(subnet.id());
            if (acl == null) {
                return null;
            }
            NetworkAclEntry entry = NaiveRules.firstAclMatch(index.sortedEntries(acl, egress), p);
            if (entry != null && entry.allow()) {
                return null;
            }
            return result(Verdict.REJECTED, ExplanationCode.SUBNET_ACL_RESTRICTION, acl.id(), entry);
        }

        private boolean securityGroupsAllow(NetworkInterface eni, boolean egress, Packet p, int remoteIp) {
            List<String> remoteGroups = index.remoteGroups(eni.vpcId(), remoteIp);
            for (String groupId : eni.securityGroupIds()) {
                SecurityGroup group = index.securityGroup(groupId);
                if (group != null && NaiveRules.anyAllows(egress ? group.egress() : group.ingress(), p, remoteIp,
                        remoteGroups, index)) {
                    return true;
                }
            }
            return false;
        }

        private Result result(Verdict verdict, ExplanationCode code, String blockedAt, NetworkAclEntry entry) {
            return new Result(verdict, code, blockedAt, entry, null);
        }
    }

    private Route longestPrefixMatch(RouteTable table, int address) {
        return NaiveRules.longestPrefixMatch(table.routes(), address, index::prefixList);
    }

    private static boolean filtered(NetworkInterface eni) {
        return !(eni.securityGroupIds().isEmpty() && eni.type().requesterManaged());
    }

    private static String groupsOf(NetworkInterface eni) {
        return eni.securityGroupIds().isEmpty() ? eni.id() : String.join(",", eni.securityGroupIds());
    }

    /** Amazon DNS, the VPC router and the link-local services, which the real evaluator answers without a walk. */
    private static boolean unlogged(Vpc vpc, Subnet subnet, int address) {
        return address == vpc.amazonDnsAddress() || address == subnet.routerAddress() || (address >>> 16) == 0xa9fe;
    }
}
