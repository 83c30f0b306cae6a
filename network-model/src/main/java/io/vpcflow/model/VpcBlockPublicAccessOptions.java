package io.vpcflow.model;

import java.util.Locale;

/**
 * VPC Block Public Access (BPA) for one account in one Region: what {@code aws ec2
 * describe-vpc-block-public-access-options} reports as {@code InternetGatewayBlockMode}. It governs traffic through
 * the internet gateways of every VPC the account owns in the Region, except the VPCs and subnets named by a
 * {@link VpcBlockPublicAccessExclusion}.
 *
 * <p>AWS (https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html and
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_BlockPublicAccessStates.html):
 * {@code block-bidirectional} blocks all traffic to and from internet gateways and egress-only internet gateways in
 * the Region; {@code block-ingress} blocks internet traffic into the VPCs, allowing only traffic to and from NAT
 * gateways and egress-only internet gateways, "because these gateways only allow outbound connections to be
 * established"; {@code off} is the default.
 */
public record VpcBlockPublicAccessOptions(String accountId, String region, Mode mode) {
    public VpcBlockPublicAccessOptions {
        Checks.required(accountId, "block public access options", "account id");
        Checks.required(region, "block public access options of account " + accountId, "region");
        Checks.required(mode, "block public access options of account " + accountId + " " + region,
                "internet gateway block mode");
    }

    /** The id the model indexes the options by: one setting per account and Region. */
    public String key() {
        return key(accountId, region);
    }

    public static String key(String accountId, String region) {
        return "bpa:" + accountId + ":" + region;
    }

    /** {@code InternetGatewayBlockMode}, as AWS spells it. */
    public enum Mode {
        OFF, BLOCK_BIDIRECTIONAL, BLOCK_INGRESS;

        public String awsName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code off}, {@code block-bidirectional}, {@code block-ingress}; a message lists them otherwise. */
        public static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.awsName().equals(text == null ? null : text.trim())) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a VPC Block Public Access mode (write off,"
                    + " block-bidirectional or block-ingress)");
        }
    }
}
