package io.vpcflow.dashboards;

/**
 * One PromQL expression of a dashboard: a panel target ({@code refId} A, B ...) or the series selector of a
 * template variable's {@code label_values(...)} query ({@code panel} is then "variable $name").
 */
record PanelQuery(String dashboard, String panel, String refId, String expr) {

    /** For messages: "rejects.json / Rejects by security group / A". */
    String where() {
        return dashboard + " / " + panel + " / " + refId;
    }
}
