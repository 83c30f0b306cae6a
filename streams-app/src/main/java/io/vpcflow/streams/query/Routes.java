package io.vpcflow.streams.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every route of the API: path, metric label and the query parameters it takes (all routes are GET). */
final class Routes {
    /** One route. {@code endpoint} is the {@code endpoint} label of {@code vpcflow_query_seconds}. */
    record Route(String path, String endpoint, Set<String> params) {
    }

    static final String FLOW_LOGS = "/v1/flow-logs";
    static final String TOP_TALKERS = "/v1/top-talkers";
    static final String REJECTS = "/v1/rejects";
    static final String FINDINGS = "/v1/findings";
    static final String FINDING = "/v1/finding";
    static final String EXPLAIN = "/v1/explain";
    static final String INSTANCE = "/v1/instance";
    static final String HEALTH = "/v1/health";
    static final String OPENAPI = "/openapi.yaml";

    /** Answer from this instance's stores for exactly these partitions, unpaged: how instances ask each other. */
    static final String PARTITIONS = "partitions";

    static final Map<String, Route> ALL = build();

    private Routes() {
    }

    private static Map<String, Route> build() {
        Map<String, Route> m = new LinkedHashMap<>();
        add(m, FLOW_LOGS, "flow-logs", "interface", "from", "to", "limit", "offset", "stale", PARTITIONS);
        add(m, TOP_TALKERS, "top-talkers", "by", "metric", "vpc", "from", "to", "limit", "offset", "stale",
                PARTITIONS);
        add(m, REJECTS, "rejects", "vpc", "from", "to", "limit", "offset", "stale", PARTITIONS);
        add(m, FINDINGS, "findings", "type", "severity", "resource", "from", "to", "limit", "offset", "stale",
                PARTITIONS);
        add(m, FINDING, "finding", "id", "stale", PARTITIONS);
        add(m, EXPLAIN, "explain", "from", "to", "protocol", "port", "src-port", "reply");
        add(m, INSTANCE, "instance");
        add(m, HEALTH, "health");
        add(m, OPENAPI, "openapi");
        return Map.copyOf(m);
    }

    private static void add(Map<String, Route> m, String path, String endpoint, String... params) {
        m.put(path, new Route(path, endpoint, Set.of(params)));
    }
}
