package io.vpcflow.model;

import java.util.Locale;

/**
 * A VPC Block Public Access exclusion: one VPC or subnet exempted from its account's BPA mode, as
 * {@code aws ec2 describe-vpc-block-public-access-exclusions} lists it ({@code ExclusionId}, the resource from
 * {@code ResourceArn}, {@code InternetGatewayExclusionMode}). Only exclusions in force are in the model; the loaders
 * leave out those being created, deleted or disabled.
 *
 * <p>AWS (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html):
 * {@code allow-bidirectional} allows all internet traffic to and from the excluded VPC or subnet;
 * {@code allow-egress} allows outbound internet traffic and blocks inbound, and "only applies when VPC Block Public
 * Access is set to Bidirectional".
 */
public record VpcBlockPublicAccessExclusion(String id, String resourceId, Mode mode) {
    public VpcBlockPublicAccessExclusion {
        Checks.id(id, "block public access exclusion");
        Checks.required(resourceId, "block public access exclusion " + id, "VPC or subnet");
        Checks.required(mode, "block public access exclusion " + id, "internet gateway exclusion mode");
        if (!resourceId.startsWith("vpc-") && !resourceId.startsWith("subnet-")) {
            throw new IllegalArgumentException("block public access exclusion " + id + " names " + resourceId
                    + "; an exclusion applies to a VPC (vpc-...) or a subnet (subnet-...)");
        }
    }

    public boolean forSubnet() {
        return resourceId.startsWith("subnet-");
    }

    /** {@code InternetGatewayExclusionMode}, as AWS spells it. */
    public enum Mode {
        ALLOW_BIDIRECTIONAL, ALLOW_EGRESS;

        public String awsName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code allow-bidirectional}, {@code allow-egress}; a message lists them otherwise. */
        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.awsName().equals(text == null ? null : text.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a block public access exclusion mode (write"
                    + " allow-bidirectional or allow-egress)");
        }
    }
}
