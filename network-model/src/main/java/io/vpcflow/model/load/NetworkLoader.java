package io.vpcflow.model.load;

import io.vpcflow.model.Network;
import io.vpcflow.model.validate.NetworkValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way in for a network: a directory of AWS describe-* JSON or a hand-written YAML file, loaded and then
 * validated. Loading problems come first, then the validator's, so a report reads from "could not read" to
 * "read, but inconsistent".
 */
public final class NetworkLoader {
    static final String ACCEPTED = "a directory of AWS describe-* JSON files, or a network file ending in .yaml or .yml";

    private NetworkLoader() {
    }

    public static LoadedNetwork load(Path path) {
        LoadedNetwork loaded = read(path);
        if (loaded == null) {
            Problem problem = Problem.error(new Location(path.toString(), 0), path.toString(),
                    Files.exists(path) ? "cannot load " + path + ": not a directory or a YAML file"
                            : "cannot load " + path + ": no such file or directory",
                    "give " + ACCEPTED);
            return new LoadedNetwork(Network.builder().build(), List.of(problem), Map.of());
        }
        List<Problem> problems = new ArrayList<>(loaded.problems());
        problems.addAll(NetworkValidator.validate(loaded.network(), loaded.locations()));
        return new LoadedNetwork(loaded.network(), problems, loaded.locations());
    }

    private static LoadedNetwork read(Path path) {
        if (Files.isDirectory(path)) {
            return AwsDescribeLoader.load(path);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return YamlNetworkLoader.load(path);
        }
        return null;
    }
}
