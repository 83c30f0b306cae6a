package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.schemas.avro.PacketEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same seed gives the same events; the ledger is exactly the sum of the events. */
class DeterminismAndLedgerTest {
    private static final Map<String, Double> ALL = Map.of();

    @Test
    void sameSeedGivesIdenticalEvents() {
        Generated a = Generated.run(ALL, 2, 42);
        Generated b = Generated.run(ALL, 2, 42);
        assertThat(a.events).hasSizeGreaterThan(1_000);
        assertThat(b.events).isEqualTo(a.events);
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        assertThat(Generated.run(ALL, 1, 1).events).isNotEqualTo(Generated.run(ALL, 1, 2).events);
    }

    @Test
    void weightsChangeTheMix() {
        Generated heavy = Generated.run(Map.of("three-tier-web", 1.0, "sg-blocks-app-db", 10.0), 2, 5);
        Generated light = Generated.run(Map.of("three-tier-web", 1.0, "sg-blocks-app-db", 1.0), 2, 5);
        assertThat(heavy.stats.events("sg-blocks-app-db", true))
                .isGreaterThan(3 * light.stats.events("sg-blocks-app-db", true));
        assertThat(heavy.events).allMatch(e -> e.getScenario().equals("three-tier-web")
                || e.getScenario().equals("sg-blocks-app-db"));
    }

    @Test
    void ledgerIsTheSumOfTheEventsPerInterfaceWindowFiveTupleAndAction() {
        Generated g = Generated.run(ALL, 3, 11);
        Map<Ledger.FlowKey, long[]> fromEvents = new HashMap<>();
        for (PacketEvent e : g.events) {
            long window = e.getEventTime().getEpochSecond() / 60 * 60;
            Ledger.FlowKey key = new Ledger.FlowKey(e.getInterfaceId(), window, e.getSrcAddr(), e.getDstAddr(),
                    e.getSrcPort(), e.getDstPort(), e.getProtocol(), e.getAction().name());
            long[] t = fromEvents.computeIfAbsent(key, k -> new long[3]);
            t[0]++;
            t[1] += e.getPackets();
            t[2] += e.getBytes();
        }
        assertThat(g.ledger.keySet()).isEqualTo(fromEvents.keySet());
        g.ledger.forEach((k, t) -> assertThat(new long[] {t.events(), t.packets(), t.bytes()})
                .as(k.toString()).containsExactly(fromEvents.get(k)));
        assertThat(g.ledger.keySet()).allMatch(k -> k.windowStart() % 60 == 0);
        assertThat(g.stats.events()).isEqualTo(g.events.size());
        assertThat(g.stats.rejectedEvents()).isEqualTo(g.events.stream().filter(Generated::rejected).count());
    }

    @Test
    void attacksSpanTheirEventsInsideTheRun() {
        Generated g = Generated.run(ALL, 3, 11);
        long start = Generated.START.toEpochMilli();
        assertThat(g.attacks).isNotEmpty().allSatisfy(a -> {
            assertThat(a.firstEventMillis()).isBetween(start, a.lastEventMillis());
            assertThat(a.lastEventMillis()).isLessThan(start + 3 * 60_000);
            assertThat(a.actors()).isNotEmpty();
            assertThat(a.targets()).isNotEmpty();
        });
        long attackEvents = g.events.stream().filter(e -> List.of("port-scan", "brute-force", "port-sweep",
                "udp-flood", "exfiltration").contains(e.getScenario())).count();
        assertThat(g.attacks.stream().mapToLong(Ledger.AttackEpisode::events).sum()).isEqualTo(attackEvents);
    }

    @Test
    void eventsComeInTimeOrderStartingAtTheConfiguredStart() {
        Generated g = Generated.run(ALL, 2, 3);
        List<Long> times = g.events.stream().map(e -> e.getEventTime().toEpochMilli()).toList();
        assertThat(times).isSorted();
        assertThat(times.get(0)).isGreaterThanOrEqualTo(Generated.START.toEpochMilli());
        assertThat(times.get(times.size() - 1)).isLessThan(Generated.START.toEpochMilli() + 120_000);
    }
}
