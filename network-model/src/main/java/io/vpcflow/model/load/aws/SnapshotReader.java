package io.vpcflow.model.load.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and parses the {@code describe-*} files of a snapshot in any of the three layouts: flat, {@code <region>/},
 * or {@code accounts/<account>/<region>/}. Unknown files are skipped without a word; unparsable ones become problems.
 */
final class SnapshotReader {
    /** Deep enough for accounts/<account>/<region>/file plus one spare level. */
    private static final int MAX_DEPTH = 5;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Path root;
    private final List<Problem> problems;

    SnapshotReader(Path root, List<Problem> problems) {
        this.root = root;
        this.problems = problems;
    }

    List<DescribeFile> read() {
        List<DescribeFile> files = new ArrayList<>();
        for (Path file : describeFiles()) {
            DescribeFile parsed = parse(file);
            if (parsed != null) {
                files.add(parsed);
            }
        }
        return files;
    }

    /** Every file with a known name, relative to the root, sorted. */
    private List<Path> describeFiles() {
        // the real path, so that a root which is itself a symbolic link is walked too
        try (Stream<Path> walk = Files.walk(root.toRealPath(), MAX_DEPTH)) {
            Path base = root.toRealPath();
            return walk.filter(Files::isRegularFile)
                    .filter(path -> DescribeKind.ofFileName(path.getFileName().toString()) != null)
                    .map(base::relativize)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(Problem.error(new Location(root.toString(), 0), null, "cannot list the directory: " + e,
                    "check that the directory exists and is readable"));
            return List.of();
        }
    }

    private DescribeFile parse(Path relativeFile) {
        Path file = root.resolve(relativeFile);
        // forward slashes on every platform, so that locations read the same everywhere
        String path = relativeFile.toString().replace('\\', '/');
        DescribeKind kind = DescribeKind.ofFileName(file.getFileName().toString());
        JsonNode tree;
        try {
            tree = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
            problems.add(Problem.error(new Location(path, line), null,
                    "not valid JSON at line " + line + ", column " + column + ": "
                            + readable(e.getOriginalMessage()),
                    "repair the file or collect it again with `" + kind.command + " --output json`"));
            return null;
        } catch (IOException e) {
            problems.add(Problem.error(new Location(path, 0), null, "cannot read the file: " + e,
                    "check that the file is readable"));
            return null;
        }
        JsonNode list = tree.isArray() ? tree : tree.path(kind.key);
        if (list.isObject() && kind == DescribeKind.VPC_BLOCK_PUBLIC_ACCESS_OPTIONS) {
            list = mapper.createArrayNode().add(list);
        }
        if (!list.isArray()) {
            problems.add(Problem.error(new Location(path, 0), null,
                    "expected a JSON object with a \"" + kind.key + "\" array, as `" + kind.command + "` writes",
                    "collect the file again with `" + kind.command + " --output json`"));
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return folderOf(path, kind, items);
    }

    private DescribeFile folderOf(String path, DescribeKind kind, List<JsonNode> items) {
        String[] names = path.split("/");
        String folder = String.join("/", Arrays.copyOf(names, names.length - 1));
        String parent = names.length > 1 ? names[names.length - 2] : null;
        String region = DescribeJson.isRegionName(parent) ? parent : null;
        String account = null;
        for (int i = 0; i + 2 < names.length; i++) {
            if (names[i].equals("accounts")) {
                account = names[i + 1];
            }
        }
        return new DescribeFile(path, kind, folder, region, account, items);
    }

    /** Jackson's message without its "[Source: REDACTED ...]" noise: the location is already in the problem. */
    private static String readable(String message) {
        return message.replaceAll(" \\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)",
                " (opened at line $1, column $2)");
    }
}
