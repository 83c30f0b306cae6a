package io.vpcflow.generator.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every named scenario, in a fixed order (the order is part of what makes a seed reproducible). */
public final class ScenarioCatalogue {
    private static final List<Scenario> ALL = build();

    private ScenarioCatalogue() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        ALL.forEach(s -> names.add(s.name()));
        return names;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** For {@code --list-scenarios}: name, kind, episodes per minute at weight 1, description. */
    public static List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scenario s : ALL) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("kind", s.attack() ? "attack" : "workload");
            m.put("episodesPerMinute", s.episodesPerMinute());
            m.put("description", s.description());
            out.add(m);
        }
        return out;
    }

    private static List<Scenario> build() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(NormalScenarios.all());
        all.addAll(MisconfiguredScenarios.all());
        all.addAll(AttackScenarios.all());
        // last: found by evaluation and skipped on the sample network, so the others keep their positions
        all.addAll(BlockPublicAccessScenarios.all());
        return List.copyOf(all);
    }
}
