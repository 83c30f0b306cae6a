package io.vpcflow.generator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code name=weight,name,...} (a bare name has weight 1; {@code all} stands for every scenario). */
public final class ScenarioWeights {
    private ScenarioWeights() {
    }

    public static Map<String, Double> parse(String text, Set<String> known) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (text == null || text.isBlank() || text.strip().equals("all")) {
            return weights;
        }
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String name = eq < 0 ? item : item.substring(0, eq).strip();
            double weight = eq < 0 ? 1.0 : number(item.substring(eq + 1).strip(), name);
            if (name.equals("all")) {
                known.forEach(k -> weights.putIfAbsent(k, weight));
                continue;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", known)
                        + " (see --list-scenarios)");
            }
            weights.put(name, weight);
        }
        return weights;
    }

    private static double number(String text, String name) {
        try {
            double w = Double.parseDouble(text);
            if (w >= 0 && !Double.isInfinite(w)) {
                return w;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("weight of scenario '" + name + "' must be a number of 0 or more, not '"
                + text + "'");
    }
}
