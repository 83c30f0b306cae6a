package io.vpcflow.model.load.yaml;

import io.vpcflow.model.VpcBlockPublicAccessExclusion;
import io.vpcflow.model.VpcBlockPublicAccessOptions;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code block-public-access:} section of a Region: the account's VPC Block Public Access mode there and its
 * exclusions (docs/network-yaml.md). Read after the Region's VPCs, so an exclusion of a VPC or subnet that the
 * Region does not declare is reported at its line.
 */
final class BlockPublicAccessReader {
    private static final Set<String> KEYS = Set.of("mode", "exclusions");
    private static final Set<String> EXCLUSION_KEYS = Set.of("id", "resource", "mode");

    private final Ctx ctx;
    private final String accountId;
    private final String region;

    BlockPublicAccessReader(Ctx ctx, String accountId, String region) {
        this.ctx = ctx;
        this.accountId = accountId;
        this.region = region;
    }

    void read(Node node) {
        String entity = "block-public-access of account " + accountId + " " + region;
        Fields f = Fields.ofPart(ctx, node, accountId, entity, KEYS);
        if (f == null) {
            return;
        }
        String modeText = f.required("mode", "add `mode: block-bidirectional` (or block-ingress, off)");
        // one setting per account and Region, even where the file lists the Region twice
        if (modeText != null && ctx.register(VpcBlockPublicAccessOptions.key(accountId, region), node)) {
            VpcBlockPublicAccessOptions options = ctx.build(f.node("mode"), accountId,
                    () -> new VpcBlockPublicAccessOptions(accountId, region,
                            VpcBlockPublicAccessOptions.Mode.parse(modeText)));
            if (options != null) {
                ctx.builder.add(options);
            }
        }
        for (Node item : f.items("exclusions")) {
            exclusion(item);
        }
    }

    private void exclusion(Node node) {
        Fields f = Fields.of(ctx, node, "block public access exclusion", "account " + accountId + " " + region,
                EXCLUSION_KEYS);
        String resource = f == null ? null
                : f.required("resource", "add `resource: vpc-...` or `resource: subnet-...`");
        String modeText = resource == null ? null
                : f.required("mode", "add `mode: allow-bidirectional` or `mode: allow-egress`");
        if (modeText == null) {
            return;
        }
        String id = f.string("id") != null ? f.string("id") : ctx.freeId("exclusion-" + resource);
        if (!declaredHere(f, id, resource) || !ctx.register(id, node)) {
            return;
        }
        VpcBlockPublicAccessExclusion exclusion = ctx.build(f.node("mode"), id, () -> new VpcBlockPublicAccessExclusion(
                id, resource, VpcBlockPublicAccessExclusion.Mode.parse(modeText)));
        if (exclusion != null) {
            ctx.builder.add(exclusion);
        }
    }

    /** An exclusion names a VPC or subnet of this account and Region (AWS's exclusions are per account and Region). */
    private boolean declaredHere(Fields f, String id, String resource) {
        String vpcId = resource.startsWith("subnet-") && ctx.subnets.containsKey(resource)
                ? ctx.subnets.get(resource).vpcId() : resource;
        var vpc = ctx.vpcs.get(vpcId);
        if (vpc != null && vpc.accountId().equals(accountId) && vpc.region().equals(region)) {
            return true;
        }
        ctx.error(f.node("resource"), id, "block public access exclusion " + id + " names " + resource
                        + ", which is not a VPC or subnet of account " + accountId + " in " + region,
                "name a VPC (vpc-...) or subnet (subnet-...) declared under this Region, or move the exclusion to"
                        + " the Region of " + resource);
        return false;
    }
}
