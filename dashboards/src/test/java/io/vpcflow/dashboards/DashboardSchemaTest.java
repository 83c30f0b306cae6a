package io.vpcflow.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Check 1: {@code checks/validate-dashboards.mjs} generates a JSON schema from the pinned {@code @grafana/schema}
 * Dashboard type and validates every dashboard with ajv; the broken fixtures must fail. The packages come from
 * {@code package-lock.json} through {@code npm ci}.
 */
class DashboardSchemaTest {

    @Test
    void everyDashboardValidatesAgainstTheGrafanaSchemaAndTheBrokenFixtureDoesNot() {
        Path npm = ExternalCommand.require("npm", "apt-get install nodejs npm (Debian), as .ci/run does");
        Path node = ExternalCommand.require("node", "apt-get install nodejs npm (Debian), as .ci/run does");
        ExternalCommand.Result install = ExternalCommand.run(DashboardFiles.MODULE, 600,
                List.of(npm.toString(), "ci", "--no-audit", "--no-fund"));
        assertThat(install.exitCode()).as("npm ci:\n" + install.output()).isZero();

        ExternalCommand.Result result = ExternalCommand.run(DashboardFiles.MODULE, 300,
                List.of(node.toString(), "checks/validate-dashboards.mjs", "target/dashboard.schema.json"));

        assertThat(result.exitCode()).as("validate-dashboards.mjs:\n" + result.output()).isZero();
        for (DashboardFiles.Dashboard dashboard : DashboardFiles.dashboards()) {
            assertThat(result.output()).contains("valid   grafana/dashboards/" + dashboard.fileName());
        }
        assertThat(result.output()).contains("rejected as expected checks/fixtures/schema-invalid/broken-dashboard.json")
                .contains("must have required property 'schemaVersion'");
        assertThat(DashboardFiles.MODULE.resolve("target/dashboard.schema.json")).isNotEmptyFile();
    }
}
