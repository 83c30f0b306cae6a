package io.vpcflow.model.load;

import io.vpcflow.model.load.yaml.DocumentReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /** Largest network file read, in bytes: a hand-written network is far smaller; more is refused unread. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** Longest line read, in characters: longer lines are refused before parsing (SnakeYAML is slow on them). */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    public static LoadedNetwork load(Path file) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return failed(new Location(name, 0), "the file is " + size + " bytes; network files are limited to "
                        + MAX_FILE_BYTES + " bytes", "check that this is the network file; split a larger network "
                        + "into describe-* JSON files");
            }
            text = decode(Files.readAllBytes(file));
        } catch (CharacterCodingException e) {
            return failed(new Location(name, 0), "the file is not UTF-8 text", "save it as UTF-8 text");
        } catch (IOException e) {
            return failed(new Location(name, 0), "cannot read the file: " + e.getMessage(),
                    "check that the file exists and is readable");
        }
        int longLine = longLine(text);
        if (longLine > 0) {
            return failed(new Location(name, longLine), "line " + longLine + " is longer than " + MAX_LINE_CHARS
                    + " characters", "break the line up or check that this is the network file");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String message = "YAML syntax error: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "");
            return failed(new Location(name, mark == null ? 0 : mark.getLine() + 1), message);
        } catch (YAMLException e) {
            return failed(new Location(name, 0), "YAML syntax error: " + e.getMessage());
        }
        return DocumentReader.read(root, name);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** The number of the first line longer than {@link #MAX_LINE_CHARS}, or 0. */
    private static int longLine(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }

    private static LoadedNetwork failed(Location location, String message) {
        return failed(location, message,
                "check indentation, colons after keys, and closing brackets and quotes near this line");
    }

    private static LoadedNetwork failed(Location location, String message, String fix) {
        Problem problem = Problem.error(location, location.file(), message, fix);
        return new LoadedNetwork(io.vpcflow.model.Network.builder().build(), List.of(problem), Map.of());
    }
}
