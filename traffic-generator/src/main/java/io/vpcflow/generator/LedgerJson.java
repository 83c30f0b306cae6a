package io.vpcflow.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.generator.scenario.Endpoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's JSON-lines form, one object per line: {@code {"kind":"flow", interfaceId, windowStart (epoch s),
 * srcAddr, dstAddr, srcPort, dstPort, protocol, action, events, packets, bytes}} and {@code {"kind":"attack",
 * scenario, actors, targets (each name, address, interfaceId), firstEventTime, lastEventTime (ISO-8601), events}}.
 */
public final class LedgerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerJson() {
    }

    public static String flow(Ledger.FlowKey k, Ledger.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "flow");
        m.put("interfaceId", k.interfaceId());
        m.put("windowStart", k.windowStart());
        m.put("srcAddr", k.srcAddr());
        m.put("dstAddr", k.dstAddr());
        m.put("srcPort", k.srcPort());
        m.put("dstPort", k.dstPort());
        m.put("protocol", k.protocol());
        m.put("action", k.action());
        m.put("events", t.events());
        m.put("packets", t.packets());
        m.put("bytes", t.bytes());
        return write(m);
    }

    public static String attack(Ledger.AttackEpisode a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "attack");
        m.put("scenario", a.scenario());
        m.put("actors", endpoints(a.actors()));
        m.put("targets", endpoints(a.targets()));
        m.put("firstEventTime", Instant.ofEpochMilli(a.firstEventMillis()).toString());
        m.put("lastEventTime", Instant.ofEpochMilli(a.lastEventMillis()).toString());
        m.put("events", a.events());
        return write(m);
    }

    /** Reads a flow line back (for tests and checkers). */
    public static Map<String, Object> read(String line) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(line, Map.class);
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a ledger line: " + line, e);
        }
    }

    private static List<Map<String, Object>> endpoints(List<Endpoint> endpoints) {
        return endpoints.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("address", e.address());
            m.put("interfaceId", e.interfaceId());
            return m;
        }).toList();
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
