package io.vpcflow.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.schemas.avro.PacketEvent;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** Writes each event as one JSON object per line (field names of the Avro schema), for piping and debugging. */
public final class JsonLinesEventSink implements EventSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    public JsonLinesEventSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start() {
    }

    @Override
    public void send(PacketEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Schema.Field f : event.getSchema().getFields()) {
            Object v = event.get(f.pos());
            m.put(f.name(), v instanceof java.time.Instant i ? i.toString() : v instanceof Enum<?> e ? e.name() : v);
        }
        try {
            out.println(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
