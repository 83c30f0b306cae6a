package io.vpcflow.model.load.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.load.Location;
import java.util.List;

/**
 * One parsed {@code describe-*} file: its path relative to the snapshot directory, the folder it sits in, and the
 * Region and account that folder names (null when the layout has none).
 */
record DescribeFile(String path, DescribeKind kind, String folder, String region, String folderAccount,
                    List<JsonNode> items) {
    DescribeFile {
        items = List.copyOf(items);
    }

    Location location() {
        return new Location(path, 0);
    }
}
