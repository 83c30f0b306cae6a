package io.vpcflow.streams.query;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** openapi.yaml lists exactly the server's routes, each with exactly the parameters the server accepts. */
class OpenApiTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        return new Yaml().load(new String(QueryServer.openApi(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() throws Exception {
        Map<String, Object> paths = (Map<String, Object>) document().get("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(Routes.ALL.keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachRouteDocumentsExactlyItsParametersAndOnlyGet() throws Exception {
        Map<String, Object> doc = document();
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> shared = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("parameters");
        for (Routes.Route route : Routes.ALL.values()) {
            Map<String, Object> operations = (Map<String, Object>) paths.get(route.path());
            assertThat(operations.keySet()).as(route.path()).containsExactly("get");
            List<Map<String, Object>> params = (List<Map<String, Object>>) ((Map<String, Object>) operations
                    .get("get")).getOrDefault("parameters", List.of());
            Set<String> names = new HashSet<>();
            for (Map<String, Object> p : params) {
                Map<String, Object> resolved = p.containsKey("$ref")
                        ? (Map<String, Object>) shared.get(((String) p.get("$ref")).replace(
                        "#/components/parameters/", ""))
                        : p;
                names.add((String) resolved.get("name"));
            }
            assertThat(names).as(route.path()).isEqualTo(route.params());
        }
    }
}
