package io.vpcflow.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Check 2: every panel and variable query of every dashboard parses with promtool; a broken one does not. */
class PanelQueriesParseTest {
    private static final Path OUT = DashboardFiles.MODULE.resolve("target/promtool");

    @Test
    void everyDashboardQueryParses() {
        for (DashboardFiles.Dashboard dashboard : DashboardFiles.dashboards()) {
            List<PanelQuery> queries = DashboardQueries.of(dashboard);
            assertThat(queries).as(dashboard.fileName() + " queries").isNotEmpty();
            Path rules = OUT.resolve(dashboard.fileName().replace(".json", ".rules.yml"));
            List<String> names = PromtoolRules.write(queries, rules);

            ExternalCommand.Result result = PromtoolRules.check(rules);

            assertThat(result.exitCode()).as("promtool check rules for " + dashboard.fileName() + ":\n"
                    + result.output() + describe(queries, names)).isZero();
            assertThat(result.output()).contains("SUCCESS: " + names.size() + " rules found");
        }
    }

    @Test
    void aQueryWithAnUnbalancedParenthesisIsRejected() {
        DashboardFiles.Dashboard broken = DashboardFiles.read(DashboardFiles.QUERY_INVALID.resolve("broken-query.json"));
        Path rules = OUT.resolve("broken-query.rules.yml");
        PromtoolRules.write(DashboardQueries.of(broken), rules);

        ExternalCommand.Result result = PromtoolRules.check(rules);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("dashboard_query_1").containsIgnoringCase("parse error");
    }

    private static String describe(List<PanelQuery> queries, List<String> names) {
        StringBuilder s = new StringBuilder("rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            s.append(names.get(i)).append(" = ").append(queries.get(i).where()).append('\n');
        }
        return s.toString();
    }
}
