package io.vpcflow.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The project's own rules for dashboards, which the Grafana schema cannot express. */
class DashboardConventionsTest {
    private static final List<String> EXPECTED = List.of("findings.json", "pipeline-health.json", "rejects.json",
            "traffic-overview.json");
    private static final List<String> FILTER_VARIABLES = List.of("account", "vpc", "interface");

    @Test
    void theFourDashboardsHaveDistinctUids() {
        List<DashboardFiles.Dashboard> dashboards = DashboardFiles.dashboards();
        assertThat(dashboards).extracting(DashboardFiles.Dashboard::fileName).containsExactlyElementsOf(EXPECTED);
        assertThat(dashboards).extracting(DashboardFiles.Dashboard::uid).doesNotHaveDuplicates()
                .allMatch(uid -> uid.startsWith("vpcflow-"));
    }

    @Test
    void everyPanelTargetAndVariableUsesTheFixedDatasourceUid() {
        for (DashboardFiles.Dashboard dashboard : DashboardFiles.dashboards()) {
            List<JsonNode> refs = new ArrayList<>();
            dashboard.json().path("panels").forEach(p -> collectDatasources(p, refs));
            dashboard.json().path("templating").path("list").forEach(v -> refs.add(v.path("datasource")));
            assertThat(refs).as(dashboard.fileName()).isNotEmpty().allSatisfy(ref -> {
                assertThat(ref.path("uid").asText()).isEqualTo(DashboardFiles.DATASOURCE_UID);
                assertThat(ref.path("type").asText()).isEqualTo("prometheus");
            });
        }
    }

    @Test
    void theFilterVariablesExistAndEachIsUsedByAPanelQuery() {
        for (DashboardFiles.Dashboard dashboard : DashboardFiles.dashboards()) {
            if (dashboard.fileName().equals("pipeline-health.json")) {
                continue; // process-wide metrics: nothing to filter by account, VPC or interface
            }
            Set<String> names = new HashSet<>();
            dashboard.json().path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
            assertThat(names).as(dashboard.fileName()).containsAll(FILTER_VARIABLES);
            List<String> panelExprs = DashboardQueries.of(dashboard).stream()
                    .filter(q -> !q.panel().startsWith("variable ")).map(PanelQuery::expr).toList();
            for (String variable : FILTER_VARIABLES) {
                assertThat(panelExprs).as(dashboard.fileName() + " uses $" + variable)
                        .anyMatch(e -> e.contains("$" + variable + "\""));
            }
        }
    }

    private static void collectDatasources(JsonNode panel, List<JsonNode> refs) {
        panel.path("panels").forEach(p -> collectDatasources(p, refs));
        if (panel.has("targets")) {
            refs.add(panel.path("datasource"));
            panel.path("targets").forEach(t -> refs.add(t.path("datasource")));
        }
    }
}
