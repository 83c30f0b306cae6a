package io.vpcflow.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extracts every PromQL expression of a dashboard (panel targets, rows' nested panels, template variable queries)
 * and substitutes Grafana's variables so that Prometheus can parse and run them.
 */
final class DashboardQueries {
    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and the deprecated {@code [[name]]}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    /** {@code label_values(selector, label)}; {@code label_values(label)} has no selector and nothing to parse. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$",
            Pattern.DOTALL);

    private DashboardQueries() {
    }

    static List<PanelQuery> of(DashboardFiles.Dashboard dashboard) {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.json().path("panels")) {
            addPanel(dashboard.fileName(), panel, queries);
        }
        for (JsonNode variable : dashboard.json().path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                Matcher m = LABEL_VALUES.matcher(text);
                if (m.matches()) {
                    queries.add(new PanelQuery(dashboard.fileName(), "variable $" + variable.path("name").asText(),
                            "query", m.group(1)));
                }
            }
        }
        return queries;
    }

    private static void addPanel(String dashboard, JsonNode panel, List<PanelQuery> queries) {
        for (JsonNode nested : panel.path("panels")) {
            addPanel(dashboard, nested, queries);
        }
        for (JsonNode target : panel.path("targets")) {
            if (target.hasNonNull("expr")) {
                queries.add(new PanelQuery(dashboard, panel.path("title").asText(), target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
    }

    /**
     * Replaces each Grafana variable by its value in {@code values}; a variable without a value fails, so a typo in
     * a dashboard ({@code $acount}) is reported rather than sent to Prometheus as text.
     */
    static String substitute(PanelQuery query, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(query.expr());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(query.where() + ": unknown variable $" + name + " in "
                        + query.expr());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
