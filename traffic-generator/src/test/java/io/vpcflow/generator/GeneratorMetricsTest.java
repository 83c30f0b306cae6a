package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.PacketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code vpcflow_generator_events_total{scenario,action}} counts exactly the events the sink received. */
class GeneratorMetricsTest {

    @Test
    void eventsByScenarioAndActionMatchTheEventsSent() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<PacketEvent> sent = new ArrayList<>();
        EventSink sink = new EventSink() {
            @Override public void start() { }
            @Override public void send(PacketEvent event) { sent.add(event); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Generated.START).withSeed(3)
                .simulated(Duration.ofMinutes(1));
        try (TrafficGenerator generator = new TrafficGenerator(config, Generated.SAMPLE, sink, new Ledger(List.of()),
                registry)) {
            generator.start();
            generator.await();
        }
        Map<String, Long> expected = sent.stream().collect(Collectors.groupingBy(
                e -> e.getScenario() + " " + e.getAction(), Collectors.counting()));
        assertThat(expected).hasSizeGreaterThan(3);
        Map<String, Long> measured = registry.find("vpcflow.generator.events").functionCounters().stream()
                .filter(c -> c.count() > 0)
                .collect(Collectors.toMap(c -> c.getId().getTag("scenario") + " " + c.getId().getTag("action"),
                        c -> (long) c.count()));
        assertThat(measured).isEqualTo(expected);
        FunctionCounter bytes = registry.find("vpcflow.generator.bytes").functionCounter();
        assertThat(bytes.count()).isEqualTo(sent.stream().mapToLong(PacketEvent::getBytes).sum());
    }
}
