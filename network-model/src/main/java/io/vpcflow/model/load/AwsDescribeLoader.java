package io.vpcflow.model.load;

import io.vpcflow.model.load.aws.DescribeSnapshotLoader;
import java.nio.file.Path;

/**
 * Loads a network from AWS {@code describe-*} JSON output, the way {@code aws ec2 describe-vpcs --output json} and
 * its siblings write it (file names as Batfish's AWS collection uses: Vpcs.json, Subnets.json, RouteTables.json,
 * Reservations.json for describe-instances ...). Three layouts are read: files directly in {@code directory},
 * {@code <region>/} folders, and {@code accounts/<account>/<region>/} folders. Unknown files are ignored.
 *
 * <p>Bad content never throws: each unreadable file, unbuildable record, duplicate id or unknown value becomes a
 * {@link Problem} located at the file (relative to {@code directory}) and naming the entity, and every entity that
 * could be built is kept. Load balancers ({@code elbv2 describe-load-balancers}) are not read.
 */
public final class AwsDescribeLoader {
    private AwsDescribeLoader() {
    }

    public static LoadedNetwork load(Path directory) {
        return DescribeSnapshotLoader.load(directory);
    }
}
