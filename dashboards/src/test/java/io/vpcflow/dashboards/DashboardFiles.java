package io.vpcflow.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dashboards module's files, found from the module directory (the working directory of its tests). */
final class DashboardFiles {
    static final Path MODULE = moduleDir();
    static final Path DASHBOARDS = MODULE.resolve("grafana/dashboards");
    static final Path SCHEMA_INVALID = MODULE.resolve("checks/fixtures/schema-invalid");
    static final Path QUERY_INVALID = MODULE.resolve("checks/fixtures/query-invalid");
    static final String DATASOURCE_UID = "vpcflow-prometheus";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardFiles() {
    }

    /** One dashboard JSON file, parsed. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        String fileName() {
            return file.getFileName().toString();
        }
    }

    static List<Dashboard> dashboards() {
        return readAll(DASHBOARDS);
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    static List<Dashboard> readAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(DashboardFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path moduleDir() {
        Path dir = Path.of("").toAbsolutePath();
        if (Files.isDirectory(dir.resolve("grafana/dashboards"))) {
            return dir;
        }
        if (Files.isDirectory(dir.resolve("dashboards/grafana/dashboards"))) {
            return dir.resolve("dashboards");
        }
        throw new IllegalStateException("no grafana/dashboards under " + dir + "; run the tests from the dashboards"
                + " module or the repository root");
    }
}
