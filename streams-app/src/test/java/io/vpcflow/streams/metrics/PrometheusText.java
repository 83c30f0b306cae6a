package io.vpcflow.streams.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads samples out of a Prometheus text-format scrape, for assertions. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The value of the one sample of {@code name} whose labels include the given pairs ({@code key, value, ...});
     * fails when there is none or more than one.
     */
    public static double value(String scrape, String name, String... labelPairs) {
        List<String> matches = samples(scrape, name, labelPairs);
        assertThat(matches).as("samples of %s with %s in%n%s", name, Arrays.toString(labelPairs), scrape).hasSize(1);
        String line = matches.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Every sample line of {@code name} whose labels include the given pairs. */
    public static List<String> samples(String scrape, String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return Arrays.stream(scrape.split("\n"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> wanted.entrySet().stream()
                        .allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .toList();
    }
}
