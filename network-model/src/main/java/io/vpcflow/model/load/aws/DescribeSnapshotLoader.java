package io.vpcflow.model.load.aws;

import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the AWS {@code describe-*} load: read and parse every file, gather cross-file facts, map each file kind to
 * model records, then check prefix-list references. Callers use {@link io.vpcflow.model.load.AwsDescribeLoader}.
 */
public final class DescribeSnapshotLoader {
    private DescribeSnapshotLoader() {
    }

    public static LoadedNetwork load(Path directory) {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(Problem.error(new Location(directory.toString(), 0), null,
                    "snapshot directory does not exist or is not a directory",
                    "pass the folder that holds the describe-* JSON files (Vpcs.json, Subnets.json ...)"));
            return new LoadedNetwork(Network.builder().build(), problems, Map.of());
        }
        List<DescribeFile> files = new ArrayList<>(new SnapshotReader(directory, problems).read());
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.error(new Location(directory.toString(), 0), null,
                    "no AWS describe-* file found (looked for Vpcs.json, Subnets.json, RouteTables.json ... directly "
                            + "inside, in <region>/ folders and in accounts/<account>/<region>/ folders)",
                    "collect the snapshot with `aws ec2 describe-vpcs --output json > Vpcs.json` and the other "
                            + "describe-* commands, or pass the right folder"));
        }
        files.sort(Comparator.comparing(DescribeFile::kind).thenComparing(DescribeFile::path));
        LoadContext ctx = new LoadContext(problems, CrossReferences.of(files));
        for (DescribeFile file : files) {
            try {
                map(ctx, file);
            } catch (RuntimeException e) {
                // the mappers report bad records themselves; reaching here is a loader bug, still not a crash
                ctx.error(file, null, "could not read the rest of the file: " + e, "report this as a vpcflow bug, "
                        + "attaching " + file.path());
            }
        }
        Network network = ctx.builder.build();
        problems.addAll(new PrefixListCheck(network, ctx.locations).check());
        return new LoadedNetwork(network, problems, ctx.locations);
    }

    private static void map(LoadContext ctx, DescribeFile file) {
        switch (file.kind()) {
            case VPCS -> new VpcMapper(ctx).vpcs(file);
            case SUBNETS -> new VpcMapper(ctx).subnets(file);
            case INTERNET_GATEWAYS -> new VpcMapper(ctx).internetGateways(file);
            case NAT_GATEWAYS -> new VpcMapper(ctx).natGateways(file);
            case VPN_GATEWAYS -> new VpcMapper(ctx).vpnGateways(file);
            case ROUTE_TABLES -> new RoutingMapper(ctx).routeTables(file);
            case VPC_PEERING_CONNECTIONS -> new RoutingMapper(ctx).peeringConnections(file);
            case VPC_ENDPOINTS -> new RoutingMapper(ctx).vpcEndpoints(file);
            case PREFIX_LISTS -> new RoutingMapper(ctx).prefixLists(file);
            case ENDPOINT_SERVICE_CONFIGURATIONS -> new RoutingMapper(ctx).endpointServices(file);
            case SECURITY_GROUPS -> new FilterMapper(ctx).securityGroups(file);
            case NETWORK_ACLS -> new FilterMapper(ctx).networkAcls(file);
            case NETWORK_INTERFACES -> new InterfaceMapper(ctx).networkInterfaces(file);
            case RESERVATIONS -> new InterfaceMapper(ctx).reservations(file);
            case FLOW_LOGS -> new FlowLogMapper(ctx).flowLogs(file);
            case VPC_BLOCK_PUBLIC_ACCESS_OPTIONS -> new BlockPublicAccessMapper(ctx).options(file);
            case VPC_BLOCK_PUBLIC_ACCESS_EXCLUSIONS -> new BlockPublicAccessMapper(ctx).exclusions(file);
            case ADDRESSES, VPN_CONNECTIONS, AVAILABILITY_ZONES -> {
                // read into CrossReferences only
            }
        }
    }
}
