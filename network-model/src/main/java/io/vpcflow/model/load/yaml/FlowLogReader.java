package io.vpcflow.model.load.yaml;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.FlowLogFields;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Flow-log subscriptions, from the top-level {@code flow-logs:} section or a VPC's. Account and Region come from the
 * VPC of the captured resource; whether the resource exists is the validator's question, so a flow log naming an
 * unknown resource is still built and then reported there.
 */
final class FlowLogReader {
    private static final Set<String> KEYS = Set.of("id", "name", "resource", "traffic-type",
            "max-aggregation-interval", "log-format", "destination");
    private static final List<String> DESTINATION_KINDS = List.of("s3:", "cloud-watch-logs:",
            "kinesis-data-firehose:", "arn:");

    private final Ctx ctx;

    FlowLogReader(Ctx ctx) {
        this.ctx = ctx;
    }

    /** A flow log of the top-level section: {@code resource} is required. */
    void topLevel(Node node) {
        read(node, null);
    }

    /** A flow log written under {@code vpcId}: {@code resource} defaults to the VPC and must lie in it. */
    void inVpc(Node node, String vpcId) {
        read(node, vpcId);
    }

    private void read(Node node, String enclosingVpc) {
        String context = enclosingVpc == null ? "flow-logs" : "vpc " + enclosingVpc;
        Fields f = Fields.of(ctx, node, "flow log", context, KEYS);
        String id = f == null ? null : f.required("id", "add `id: fl-...`");
        if (id == null) {
            return;
        }
        String resource = enclosingVpc != null && !f.has("resource") ? enclosingVpc
                : f.required("resource", "add `resource: <vpc-, subnet- or eni- id>`");
        if (resource == null) {
            return;
        }
        FlowLog.TrafficType traffic = trafficType(f, id);
        int interval = interval(f, id);
        String format = logFormat(f, id);
        String destination = destination(f, id);
        if (traffic == null || interval < 0 || (f.has("log-format") && format == null)
                || destination == null || !ctx.register(id, node)) {
            return;
        }
        FlowLog read = ctx.build(node, id,
                () -> new FlowLog(id, null, null, resource, traffic, interval, format, destination));
        if (read != null) {
            // subnets of VPCs written further down are known only once the whole file has been read
            ctx.later(() -> add(read, f.node("resource"), enclosingVpc));
        }
    }

    /** {@code read} with the account and Region of its resource's VPC. */
    private void add(FlowLog read, Node resourceNode, String enclosingVpc) {
        String id = read.id();
        String resourceVpc = vpcOf(read.resourceId());
        if (enclosingVpc != null && resourceVpc != null && !resourceVpc.equals(enclosingVpc)) {
            ctx.error(resourceNode, id, "flow log " + id + " is written under vpc " + enclosingVpc
                    + " but captures " + read.resourceId() + " of vpc " + resourceVpc,
                    "move it under vpc " + resourceVpc + " or to the top-level flow-logs section");
            return;
        }
        Vpc vpc = ctx.vpcs.get(resourceVpc != null ? resourceVpc : enclosingVpc == null ? "" : enclosingVpc);
        ctx.builder.add(new FlowLog(id, vpc == null ? null : vpc.accountId(), vpc == null ? null : vpc.region(),
                read.resourceId(), read.trafficType(), read.maxAggregationIntervalSeconds(), read.logFormat(),
                read.destination()));
    }

    /** The VPC of a VPC, subnet or interface the file declares; null when it declares no such resource. */
    private String vpcOf(String resource) {
        if (ctx.vpcs.containsKey(resource)) {
            return resource;
        }
        Subnet subnet = ctx.subnets.get(resource);
        return subnet != null ? subnet.vpcId() : ctx.interfaceVpcs.get(resource);
    }

    private FlowLog.TrafficType trafficType(Fields f, String id) {
        String text = f.string("traffic-type");
        if (text == null) {
            return FlowLog.TrafficType.ALL;
        }
        try {
            return FlowLog.TrafficType.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(f.node("traffic-type"), id, "'" + text + "' is not a flow-log traffic type",
                    "write ACCEPT, REJECT or ALL");
            return null;
        }
    }

    /** 60 or 600 (the default); -1 after reporting anything else. */
    private int interval(Fields f, String id) {
        if (!f.has("max-aggregation-interval")) {
            return 600;
        }
        Integer seconds = f.integer("max-aggregation-interval");
        if (seconds == null) {
            return -1;
        }
        if (seconds != 60 && seconds != 600) {
            ctx.error(f.node("max-aggregation-interval"), id, "flow log " + id + " has maximum aggregation interval "
                    + seconds + " s; AWS allows 60 or 600", "write 60 or 600 (seconds)");
            return -1;
        }
        return seconds;
    }

    /** The format as AWS writes it ({@code ${a} ${b}}), null for the default format or after a problem. */
    private String logFormat(Fields f, String id) {
        String text = f.string("log-format");
        if (text == null) {
            return null;
        }
        try {
            return FlowLogFields.awsSpec(FlowLogFields.parse(text));
        } catch (IllegalArgumentException e) {
            ctx.error(f.node("log-format"), id, "log-format of flow log " + id + ": " + e.getMessage(),
                    "name each field once, from: " + String.join(" ", FlowLogFields.NAMES));
            return null;
        }
    }

    /** As written, or {@code cloud-watch-logs:<id>} (one log group per flow log); null after a problem. */
    private String destination(Fields f, String id) {
        String text = f.string("destination");
        if (text == null) {
            return "cloud-watch-logs:" + id;
        }
        if (DESTINATION_KINDS.stream().noneMatch(kind -> text.startsWith(kind) && text.length() > kind.length())) {
            ctx.error(f.node("destination"), id, "destination '" + text + "' of flow log " + id
                    + " is not a known kind", "write s3:<bucket>/<prefix>, cloud-watch-logs:<log group>,"
                    + " kinesis-data-firehose:<stream> or an ARN");
            return null;
        }
        return text;
    }
}
