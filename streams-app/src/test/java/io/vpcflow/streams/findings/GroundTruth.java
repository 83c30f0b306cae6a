package io.vpcflow.streams.findings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.scenario.Endpoint;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;

/**
 * The generator's ground truth as incidents a finding can match. Attacks are the ledger's episodes (scenario,
 * actors, targets, first and last event time). Misconfigurations have no episodes: their incidents are the
 * 5-minute spans in which the scenario's labelled events occurred. An incident's entities are the interface ids,
 * addresses, subnets and blocking components of its labelled events, plus the ledger's actors and targets.
 */
final class GroundTruth {
    static final Set<String> ATTACKS = Set.of("port-scan", "brute-force", "port-sweep", "udp-flood", "exfiltration");
    static final Set<String> MISCONFIGURATIONS = Set.of("transitive-peering", "sg-blocks-app-db",
            "nacl-missing-ephemeral", "s3-via-nat");
    static final long MISCONFIGURATION_SPAN_MS = 5 * 60_000;

    /** One thing a detector should find. */
    record Incident(String scenario, long firstMs, long lastMs, Set<String> entities, boolean acceptedInbound) {
    }

    /** An accepted inbound event of an attack: which interface, when. */
    private record Accepted(String scenario, String interfaceId, long timeMs) {
    }

    /** Labelled events of one scenario in one 5-minute span: time range and entities. */
    private static final class Span {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Set<String> entities = new HashSet<>();
    }

    private final Map<String, TreeMap<Long, Span>> spans = new HashMap<>();
    private final List<Ledger.AttackEpisode> episodes = new ArrayList<>();
    private final List<Accepted> accepted = new ArrayList<>();
    private PacketEvent last;

    void observe(PacketEvent e) {
        last = e;
        String scenario = e.getScenario();
        if (!ATTACKS.contains(scenario) && !MISCONFIGURATIONS.contains(scenario)) {
            return;
        }
        long t = e.getEventTime().toEpochMilli();
        if (ATTACKS.contains(scenario) && e.getAction() == Action.ACCEPT
                && e.getFlowDirection() == FlowDirection.INGRESS) {
            accepted.add(new Accepted(scenario, e.getInterfaceId(), t));
        }
        Span s = spans.computeIfAbsent(scenario, k -> new TreeMap<>())
                .computeIfAbsent(Math.floorDiv(t, MISCONFIGURATION_SPAN_MS) * MISCONFIGURATION_SPAN_MS,
                        k -> new Span());
        s.first = Math.min(s.first, t);
        s.last = Math.max(s.last, t);
        addIfPresent(s.entities, e.getInterfaceId(), e.getSrcAddr(), e.getDstAddr(), e.getPktSrcAddr(),
                e.getPktDstAddr(), e.getSubnetId(), e.getBlockingComponent());
    }

    PacketEvent lastEvent() {
        return last;
    }

    Ledger.Listener ledgerListener() {
        return new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
                episodes.addAll(attacks);
            }
        };
    }

    List<Incident> incidents() {
        List<Incident> out = new ArrayList<>();
        for (Ledger.AttackEpisode a : episodes) {
            Set<String> entities = new HashSet<>();
            for (Endpoint p : concat(a.actors(), a.targets())) {
                addIfPresent(entities, p.address(), p.interfaceId());
            }
            spans.getOrDefault(a.scenario(), new TreeMap<>())
                    .subMap(a.firstEventMillis() - MISCONFIGURATION_SPAN_MS, true, a.lastEventMillis(), true)
                    .values().forEach(s -> entities.addAll(s.entities));
            Set<String> targets = new HashSet<>();
            a.targets().forEach(p -> addIfPresent(targets, p.interfaceId()));
            boolean acceptedInbound = accepted.stream().anyMatch(x -> x.scenario().equals(a.scenario())
                    && targets.contains(x.interfaceId()) && x.timeMs() >= a.firstEventMillis()
                    && x.timeMs() <= a.lastEventMillis());
            out.add(new Incident(a.scenario(), a.firstEventMillis(), a.lastEventMillis(), entities,
                    acceptedInbound));
        }
        for (String scenario : MISCONFIGURATIONS) {
            spans.getOrDefault(scenario, new TreeMap<>()).values()
                    .forEach(s -> out.add(new Incident(scenario, s.first, s.last, Set.copyOf(s.entities), false)));
        }
        return out;
    }

    private static List<Endpoint> concat(List<Endpoint> a, List<Endpoint> b) {
        List<Endpoint> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void addIfPresent(Set<String> set, String... values) {
        for (String v : values) {
            if (v != null) {
                set.add(v);
            }
        }
    }
}
