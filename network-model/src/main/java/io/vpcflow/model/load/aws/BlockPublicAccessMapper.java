package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.VpcBlockPublicAccessExclusion;
import io.vpcflow.model.VpcBlockPublicAccessOptions;
import java.util.Set;

/**
 * VPC Block Public Access from {@code aws ec2 describe-vpc-block-public-access-options} (one object,
 * {@code {"VpcBlockPublicAccessOptions": {"AwsAccountId", "AwsRegion", "State", "InternetGatewayBlockMode", ...}}})
 * and {@code describe-vpc-block-public-access-exclusions} ({@code {"VpcBlockPublicAccessExclusions": [{"ExclusionId",
 * "InternetGatewayExclusionMode", "ResourceArn", "State", ...}]}}), as the EC2 API reference describes them
 * (API_VpcBlockPublicAccessOptions, API_VpcBlockPublicAccessExclusion). Account and Region come from the record, else
 * from the folder. An exclusion counts while it is in force: {@code create-complete}, {@code update-in-progress},
 * {@code update-complete} or {@code update-failed} (the previous mode stays); others are skipped with a warning.
 */
final class BlockPublicAccessMapper {
    private static final Set<String> IN_FORCE = Set.of("create-complete", "update-in-progress", "update-complete",
            "update-failed");

    private final LoadContext ctx;

    BlockPublicAccessMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void options(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String account = text(item, "AwsAccountId") != null ? text(item, "AwsAccountId")
                    : ctx.refs.folderOwner(file);
            String region = text(item, "AwsRegion") != null ? text(item, "AwsRegion") : ctx.region(file, null);
            if (account == null) {
                ctx.error(file, null, "the block public access options name no account (AwsAccountId)",
                        LoadContext.fixFor(file));
                continue;
            }
            ctx.add(file, item, VpcBlockPublicAccessOptions.key(account, region),
                    () -> new VpcBlockPublicAccessOptions(account, region,
                            VpcBlockPublicAccessOptions.Mode.parse(text(item, "InternetGatewayBlockMode"))),
                    ctx.builder::add);
        }
    }

    void exclusions(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "ExclusionId");
            String state = text(item, "State");
            if (state != null && !IN_FORCE.contains(state)) {
                ctx.warning(file, id, "block public access exclusion " + id + " is " + state
                        + ", not in force; skipped", "none needed");
                continue;
            }
            ctx.add(file, item, id, () -> new VpcBlockPublicAccessExclusion(id, resourceOf(text(item, "ResourceArn")),
                    VpcBlockPublicAccessExclusion.Mode.parse(text(item, "InternetGatewayExclusionMode"))),
                    ctx.builder::add);
        }
    }

    /** {@code arn:aws:ec2:us-east-1:111122223333:subnet/subnet-0a1} to {@code subnet-0a1}. */
    static String resourceOf(String arn) {
        if (arn == null) {
            throw new IllegalArgumentException("the exclusion has no ResourceArn");
        }
        int slash = arn.lastIndexOf('/');
        return slash >= 0 ? arn.substring(slash + 1) : arn;
    }
}
