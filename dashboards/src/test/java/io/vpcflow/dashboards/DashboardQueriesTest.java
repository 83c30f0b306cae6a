package io.vpcflow.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Extraction and variable substitution of the checks' query handling, one case per Grafana variable form. */
class DashboardQueriesTest {
    private static final Map<String, String> VALUES = Map.of("account", "123", "vpc", "vpc-1",
            "__rate_interval", "1m");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dollar name        | x{account=~\"$account\"}[$__rate_interval] | x{account=~\"123\"}[1m]",
            "braces             | x{vpc=~\"${vpc}\"}                         | x{vpc=~\"vpc-1\"}",
            "braces with format | x{vpc=~\"${vpc:regex}\"}                   | x{vpc=~\"vpc-1\"}",
            "double brackets    | x{account=\"[[account]]\"}                 | x{account=\"123\"}",
            "no variable        | sum(up)                                    | sum(up)"})
    void substitutesEveryVariableForm(String form, String expr, String expected) {
        assertThat(DashboardQueries.substitute(new PanelQuery("d.json", "p", "A", expr), VALUES)).isEqualTo(expected);
    }

    @Test
    void anUnknownVariableIsReportedWithItsPanel() {
        PanelQuery typo = new PanelQuery("rejects.json", "Rejects by component", "A", "x{account=~\"$acount\"}");

        assertThatThrownBy(() -> DashboardQueries.substitute(typo, VALUES))
                .hasMessageContaining("rejects.json / Rejects by component / A").hasMessageContaining("$acount");
    }

    @Test
    void extractsTargetsOfNestedPanelsAndTheSelectorsOfLabelValuesVariables() throws Exception {
        String json = """
                {"panels": [{"type": "row", "title": "r", "panels": [
                    {"title": "inner", "targets": [{"refId": "A", "expr": "up"}]}]},
                  {"title": "outer", "targets": [{"refId": "B", "expr": "sum(up)"}, {"refId": "C"}]}],
                 "templating": {"list": [
                    {"name": "vpc", "type": "query", "query": {"query": "label_values(up{job=\\"a\\"}, vpc)"}},
                    {"name": "plain", "type": "query", "query": "label_values(vpc)"},
                    {"name": "c", "type": "constant", "query": "x"}]}}
                """;
        DashboardFiles.Dashboard dashboard = new DashboardFiles.Dashboard(Path.of("t.json"),
                new ObjectMapper().readTree(json));

        List<PanelQuery> queries = DashboardQueries.of(dashboard);

        assertThat(queries).extracting(PanelQuery::where, PanelQuery::expr).containsExactly(
                tuple("t.json / inner / A", "up"),
                tuple("t.json / outer / B", "sum(up)"),
                tuple("t.json / variable $vpc / query", "up{job=\"a\"}"));
    }

    @Test
    void aMissingProgramFailsWithHowToInstallIt() {
        assertThatThrownBy(() -> ExternalCommand.require("no-such-program-vpcflow", "apt-get install it"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("no-such-program-vpcflow is not on PATH; the dashboard checks need it: apt-get install it");
    }
}
