package io.vpcflow.model.validate;

import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RouteTarget;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-entity checks that no single record can make: addressing (subnets inside their VPC and apart from each
 * other, interface addresses inside their subnet, unique and not reserved), peering between overlapping VPCs (and
 * a VPC peered with itself, or two live peerings of one pair of VPCs), a
 * public NAT gateway without a way out, and every reference between entities ({@link ReferenceChecks}). Everything
 * is reported at once; each problem names the entity, where it was read, and a fix.
 *
 * <p>Checks that a record's constructor already enforces (network ACL rule numbers 1-32766, port ranges, CIDR
 * syntax) are not repeated here: the loaders report them, with the line, when they fail to build the record.
 */
public final class NetworkValidator {
    /** Peerings that exist or are being set up: AWS allows one of them per pair of VPCs. */
    private static final Set<PeeringStatus> LIVE_PEERINGS = Set.of(PeeringStatus.ACTIVE,
            PeeringStatus.PENDING_ACCEPTANCE, PeeringStatus.INITIATING_REQUEST, PeeringStatus.PROVISIONING);

    private NetworkValidator() {
    }

    public static List<Problem> validate(Network network, Map<String, Location> locations) {
        Findings findings = new Findings(locations);
        subnets(network, findings);
        interfaces(network, findings);
        peerings(network, findings);
        natGateways(network, findings);
        new ReferenceChecks(network, findings).run();
        BlockPublicAccessChecks.run(network, findings);
        return findings.problems();
    }

    private static void subnets(Network network, Findings findings) {
        Map<String, List<Subnet>> byVpc = new HashMap<>();
        for (Subnet subnet : network.subnets()) {
            Optional<Vpc> vpc = network.vpc(subnet.vpcId());
            if (vpc.isEmpty()) {
                findings.error(subnet.id(), "subnet " + subnet.id() + " belongs to vpc " + subnet.vpcId()
                        + ", which is not in the model", "declare vpc " + subnet.vpcId() + " or correct the subnet's VPC");
                continue;
            }
            if (vpc.get().cidrBlocks().stream().noneMatch(block -> block.contains(subnet.cidr()))) {
                findings.error(subnet.id(), "subnet " + subnet.id() + " CIDR " + subnet.cidr() + " is outside "
                        + vpc.get().id() + " " + blocks(vpc.get()), "choose a block inside " + blocks(vpc.get())
                        + " or add a secondary CIDR block to the VPC");
            }
            List<Subnet> siblings = byVpc.computeIfAbsent(subnet.vpcId(), v -> new ArrayList<>());
            for (Subnet sibling : siblings) {
                if (sibling.cidr().overlaps(subnet.cidr())) {
                    findings.error(subnet.id(), "subnet " + subnet.id() + " CIDR " + subnet.cidr() + " overlaps subnet "
                            + sibling.id() + " " + sibling.cidr() + " in " + subnet.vpcId(),
                            "give each subnet of a VPC its own block");
                }
            }
            siblings.add(subnet);
        }
    }

    private static String blocks(Vpc vpc) {
        return vpc.cidrBlocks().stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    private static void interfaces(Network network, Findings findings) {
        Map<String, Map<Integer, String>> ipsByVpc = new HashMap<>();
        for (NetworkInterface eni : network.networkInterfaces()) {
            Optional<Subnet> subnet = network.subnet(eni.subnetId());
            if (subnet.isEmpty()) {
                findings.error(eni.id(), "network interface " + eni.id() + owner(eni) + " is in subnet " + eni.subnetId()
                        + ", which is not in the model", "declare the subnet or correct the interface's subnet");
            } else if (!subnet.get().vpcId().equals(eni.vpcId())) {
                findings.error(eni.id(), "network interface " + eni.id() + owner(eni) + " is in vpc " + eni.vpcId()
                        + " but its subnet " + eni.subnetId() + " is in " + subnet.get().vpcId(),
                        "place the interface in a subnet of its own VPC");
            }
            Map<Integer, String> used = ipsByVpc.computeIfAbsent(eni.vpcId(), v -> new HashMap<>());
            for (String text : eni.privateIps()) {
                if (!Ipv4.isValid(text)) {
                    findings.error(eni.id(), "private IP '" + text + "' of " + eni.id() + " is not an IPv4 address",
                            "write an address such as 10.0.1.10");
                    continue;
                }
                int ip = Ipv4.parse(text);
                subnet.ifPresent(s -> addressInSubnet(eni, text, ip, s, findings));
                String other = used.putIfAbsent(ip, eni.id());
                if (other != null && !other.equals(eni.id())) {
                    findings.error(eni.id(), "private IP " + text + " of " + eni.id() + owner(eni) + " is also used by "
                            + other + " in " + eni.vpcId(), "give each interface of a VPC its own address");
                }
            }
        }
    }

    private static void addressInSubnet(NetworkInterface eni, String text, int ip, Subnet subnet, Findings findings) {
        Cidr cidr = subnet.cidr();
        if (!cidr.contains(ip)) {
            findings.error(eni.id(), "private IP " + text + " of " + eni.id() + owner(eni) + " is outside its subnet "
                    + subnet.id() + " " + cidr, "choose an address inside " + cidr);
        } else if (ip - cidr.first() < 4 || ip == cidr.last()) {
            findings.error(eni.id(), "private IP " + text + " of " + eni.id() + owner(eni) + " is one of the five "
                    + "addresses AWS reserves in " + subnet.id() + " " + cidr + " (network, router, DNS, future use, "
                    + "broadcast)", "choose an address from " + Ipv4.format(cidr.first() + 4) + " to "
                    + Ipv4.format(cidr.last() - 1));
        }
    }

    private static String owner(NetworkInterface eni) {
        return eni.attachedTo() == null ? "" : " (" + eni.attachedTo() + ")";
    }

    private static void peerings(Network network, Findings findings) {
        Map<String, String> firstByPair = new HashMap<>();
        for (VpcPeeringConnection peering : network.peeringConnections()) {
            String a = peering.requester().vpcId();
            String b = peering.accepter().vpcId();
            if (a.equals(b)) {
                findings.error(peering.id(), "peering " + peering.id() + " connects " + a + " to itself",
                        "name two different VPCs as requester and accepter");
                continue;
            }
            String pair = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
            String first = LIVE_PEERINGS.contains(peering.status()) ? firstByPair.putIfAbsent(pair, peering.id())
                    : null;
            if (first != null) {
                findings.error(peering.id(), "peering " + peering.id() + " connects " + a + " and " + b
                        + ", which " + first + " already connects: AWS allows one peering between two VPCs",
                        "delete one of the two peerings");
            }
            Optional<Vpc> requester = network.vpc(a);
            Optional<Vpc> accepter = network.vpc(b);
            if (requester.isPresent() && accepter.isPresent() && requester.get().overlaps(accepter.get())) {
                findings.error(peering.id(), "peering " + peering.id() + " connects " + requester.get().id() + " ("
                        + blocks(requester.get()) + ") and " + accepter.get().id() + " (" + blocks(accepter.get())
                        + "), whose CIDR blocks overlap: AWS cannot create it",
                        "re-address one of the VPCs, or connect them with PrivateLink instead");
            }
        }
    }

    private static void natGateways(Network network, Findings findings) {
        for (NatGateway nat : network.natGateways()) {
            if (nat.publicIp() == null || network.subnet(nat.subnetId()).isEmpty()) {
                continue;
            }
            Optional<RouteTable> table = routeTableOf(network, nat.subnetId(), nat.vpcId());
            boolean toInternet = table.isPresent() && table.get().routes().stream()
                    .anyMatch(r -> !r.blackhole() && r.target() == RouteTarget.INTERNET_GATEWAY);
            if (!toInternet) {
                findings.warning(nat.id(), "NAT gateway " + nat.id() + " is in subnet " + nat.subnetId()
                        + ", whose route table " + table.map(RouteTable::id).orElse("(none)")
                        + " has no route to an internet gateway, so its traffic cannot reach the internet",
                        "place the NAT gateway in a public subnet (one routing 0.0.0.0/0 to an igw-)");
            }
        }
    }

    /** The table a subnet uses: its explicit association, else its VPC's main table. */
    static Optional<RouteTable> routeTableOf(Network network, String subnetId, String vpcId) {
        Optional<RouteTable> explicit = network.routeTables().stream()
                .filter(t -> t.subnetIds().contains(subnetId)).findFirst();
        return explicit.isPresent() ? explicit
                : network.routeTables().stream().filter(t -> t.main() && t.vpcId().equals(vpcId)).findFirst();
    }
}
