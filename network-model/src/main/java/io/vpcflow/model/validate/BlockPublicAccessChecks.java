package io.vpcflow.model.validate;

import io.vpcflow.model.Network;
import io.vpcflow.model.VpcBlockPublicAccessExclusion;

/**
 * VPC Block Public Access references: an exclusion must name a VPC or subnet of the model (the YAML reader already
 * reports this at the exclusion's line; this check covers describe-* snapshots and hand-built models).
 */
final class BlockPublicAccessChecks {
    private BlockPublicAccessChecks() {
    }

    static void run(Network network, Findings findings) {
        for (VpcBlockPublicAccessExclusion exclusion : network.blockPublicAccessExclusions()) {
            String resource = exclusion.resourceId();
            boolean known = exclusion.forSubnet() ? network.subnet(resource).isPresent()
                    : network.vpc(resource).isPresent();
            if (known) {
                continue;
            }
            String message = "block public access exclusion " + exclusion.id() + " names "
                    + (exclusion.forSubnet() ? "subnet " : "vpc ") + resource + ", which is not in the model";
            String fix = "declare " + resource + ", correct the exclusion's resource, or delete the exclusion";
            findings.error(exclusion.id(), message, fix);
        }
    }
}
