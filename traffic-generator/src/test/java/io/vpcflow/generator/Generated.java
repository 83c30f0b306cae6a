package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.PacketEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A simulated run on the sample network, kept in memory: events, ledger windows, attacks, stats. */
final class Generated {
    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    static final Evaluator SAMPLE = load(repositoryRoot().resolve("examples/sample-network.yaml"));

    final List<PacketEvent> events = new ArrayList<>();
    final Map<Ledger.FlowKey, Ledger.Totals> ledger = new LinkedHashMap<>();
    final List<Ledger.AttackEpisode> attacks = new ArrayList<>();
    GeneratorStats stats;
    List<String> skipped;

    /** {@code minutes} simulated minutes of the given scenario weights on the sample network. */
    static Generated run(Map<String, Double> weights, int minutes, long seed) {
        return run(SAMPLE, GeneratorConfig.defaults().withStart(START).withSeed(seed).withWeights(weights)
                .simulated(Duration.ofMinutes(minutes)));
    }

    static Generated only(String scenario, int minutes) {
        return run(Map.of(scenario, 1.0), minutes, 7);
    }

    static Generated run(Evaluator evaluator, GeneratorConfig config) {
        Generated g = new Generated();
        Ledger ledger = new Ledger(List.of(g.collector()));
        EventSink sink = new EventSink() {
            @Override public void start() { }
            @Override public void send(PacketEvent event) { g.events.add(event); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        try (TrafficGenerator generator = new TrafficGenerator(config, evaluator, sink, ledger)) {
            generator.start();
            generator.await();
            g.stats = generator.stats();
            g.skipped = generator.skipped();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return g;
    }

    List<PacketEvent> where(Predicate<PacketEvent> p) {
        return events.stream().filter(p).toList();
    }

    List<PacketEvent> at(String interfaceId) {
        return where(e -> e.getInterfaceId().equals(interfaceId));
    }

    static boolean rejected(PacketEvent e) {
        return e.getAction() == Action.REJECT;
    }

    private Ledger.Listener collector() {
        return new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                flows.forEach((k, v) -> assertThat(ledger.put(k, v)).as("key in one window only: " + k).isNull());
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> list) {
                attacks.addAll(list);
            }
        };
    }

    static Evaluator load(Path path) {
        LoadedNetwork loaded = NetworkLoader.load(path);
        assertThat(loaded.hasErrors()).as("network loads: " + loaded.problems()).isFalse();
        return new Evaluator(CompiledNetwork.of(loaded.network()));
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the vpcflow checkout");
    }
}
