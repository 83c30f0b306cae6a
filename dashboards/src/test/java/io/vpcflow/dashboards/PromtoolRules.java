package io.vpcflow.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Check 2: writes a dashboard's queries as a Prometheus recording-rules file (JSON is YAML) and has
 * {@code promtool check rules} parse it. One rule per query, named after its position, so that promtool's error
 * names the query.
 */
final class PromtoolRules {
    /** What Grafana's built-in interval variables become for parsing; any valid duration would do. */
    static final Map<String, String> PARSE_VALUES = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h",
            "account", ".*", "vpc", ".*", "interface", ".*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromtoolRules() {
    }

    /** Writes the rules file for {@code queries}; returns the record name of each, in order. */
    static List<String> write(List<PanelQuery> queries, Path file) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode group = root.putArray("groups").addObject().put("name", "dashboard_queries");
        ArrayNode rules = group.putArray("rules");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            String name = "dashboard_query_" + (i + 1);
            names.add(name);
            rules.addObject().put("record", name).put("expr", DashboardQueries.substitute(queries.get(i), PARSE_VALUES));
        }
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return names;
    }

    static ExternalCommand.Result check(Path rulesFile) {
        Path promtool = ExternalCommand.require("promtool", "apt-get install prometheus (Debian), as .ci/run does");
        return ExternalCommand.run(rulesFile.getParent(), 120, List.of(promtool.toString(), "check", "rules",
                rulesFile.toString()));
    }
}
