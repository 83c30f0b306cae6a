package io.vpcflow.streams;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: each directory under {@code config-golden/} holds the inputs of one load (optional
 * {@code config.properties}, passed as {@code --config}; optional {@code env.properties}, the environment; optional
 * {@code args.txt}, one argument a line) and {@code expected.txt}, the loaded settings as
 * {@link StreamsAppConfigLoader#describe} prints them, or {@code error: <message>}.
 */
class StreamsAppConfigLoaderTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path root() throws URISyntaxException {
        return Path.of(StreamsAppConfigLoaderTest.class.getResource("/config-golden").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAsTheGoldenFileSays(String name) throws IOException, URISyntaxException {
        Path dir = root().resolve(name);
        List<String> args = new ArrayList<>();
        if (Files.exists(dir.resolve("config.properties"))) {
            args.add("--config");
            args.add(dir.resolve("config.properties").toString());
        }
        if (Files.exists(dir.resolve("args.txt"))) {
            Files.readAllLines(dir.resolve("args.txt")).stream().filter(l -> !l.isBlank()).forEach(args::add);
        }
        Map<String, String> env = new HashMap<>();
        if (Files.exists(dir.resolve("env.properties"))) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve("env.properties"), StandardCharsets.UTF_8)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> env.put(k, p.getProperty(k)));
        }

        String actual;
        try {
            actual = StreamsAppConfigLoader.describe(StreamsAppConfigLoader.load(args, env));
        } catch (StreamsAppConfigLoader.ConfigException e) {
            actual = "error: " + e.getMessage() + "\n";
        }
        Path expected = dir.resolve("expected.txt");
        if (!Files.exists(expected)) {
            Files.writeString(dir.resolve("actual.txt"), actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }
}
