package io.vpcflow.streams.query;

import java.nio.file.Path;
import java.util.Map;

import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /v1/explain} on the bundled sample network gives the answers {@code vpcflow explain} gives. */
class ExplainerTest {
    private static final Explainer EXPLAINER = new Explainer(sample());

    private static io.vpcflow.model.Network sample() {
        LoadedNetwork loaded = NetworkLoader.load(Path.of("..", "examples", "sample-network.yaml"));
        assertThat(loaded.hasErrors()).isFalse();
        return loaded.network();
    }

    private static Map<String, Object> explain(String query) {
        return EXPLAINER.explain(Params.parse(query, Routes.ALL.get(Routes.EXPLAIN).params()));
    }

    @Test
    void aRejectedFlowNamesTheGroupAndCode() {
        Map<String, Object> e = explain("from=i-0a1reporting&to=i-0a1db1&port=5432");
        assertThat(e.get("verdict")).isEqualTo("REJECTED");
        assertThat(e.get("code")).isEqualTo("ENI_SG_RULES_MISMATCH");
        assertThat(e.get("blockedAt")).isEqualTo("sg-0a1db");
    }

    @Test
    void anAcceptedFlowToTheInternetHasAnAcceptedReply() {
        Map<String, Object> e = explain("from=i-0a1app1&to=internet:8.8.8.8&protocol=tcp&port=443");
        assertThat(e.get("verdict")).isEqualTo("ACCEPTED");
        assertThat(e).containsKey("reply");
    }

    @Test
    void anUnknownEndpointIsA400NamingIt() {
        assertThatThrownBy(() -> explain("from=i-nope&to=i-0a1db1&port=5432"))
                .isInstanceOfSatisfying(QueryException.class, q -> assertThat(q.status()).isEqualTo(400))
                .hasMessageContaining("i-nope");
    }
}
