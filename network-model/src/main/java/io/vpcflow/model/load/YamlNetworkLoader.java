package io.vpcflow.model.load;

import io.vpcflow.model.load.yaml.DocumentReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a hand-written network file (format: docs/network-yaml.md). The file is composed into SnakeYAML nodes, not
 * bound to objects, so that every entity keeps its line and every problem can point at one. Reports reading
 * problems only; {@link NetworkLoader} adds the cross-entity validation.
 */
public final class YamlNetworkLoader {
    private YamlNetworkLoader() {
    }

    public static LoadedNetwork load(Path file) {
        String name = file.toString();
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(16 * 1024 * 1024);
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "YAML syntax error: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "");
            return failed(new Location(name, mark == null ? 0 : mark.getLine() + 1), message);
        } catch (YAMLException e) {
            return failed(new Location(name, 0), "YAML syntax error: " + e.getMessage());
        } catch (IOException e) {
            return failed(new Location(name, 0), "cannot read the file: " + e);
        }
        return DocumentReader.read(root, name);
    }

    private static LoadedNetwork failed(Location location, String message) {
        Problem problem = Problem.error(location, location.file(), message,
                "check indentation, colons after keys, and closing brackets and quotes near this line");
        return new LoadedNetwork(io.vpcflow.model.Network.builder().build(), List.of(problem), Map.of());
    }
}
