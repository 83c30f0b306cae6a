package io.vpcflow.streams.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records as JSON objects: every schema field under its Avro name, times as ISO-8601 UTC, enums and strings as
 * text, {@code null} where the record has none (AWS's {@code -}). {@link #of} gives the object as a map (for answers
 * built of maps), {@link #write} writes the same JSON straight to a generator (for the flow-logs answer, on the
 * hot path).
 */
final class JsonViews {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonViews() {
    }

    /** A JSON document written to a generator. */
    @FunctionalInterface
    interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    static Map<String, Object> of(SpecificRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.put(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    /** {@code document} as UTF-8 JSON bytes. */
    static byte[] write(Document document) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder()) {
            try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
                document.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
    }

    /** Writes {@code record} as {@link #of} shows it, field for field. */
    static void write(JsonGenerator json, SpecificRecord record) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.writeFieldName(field.name());
            write(json, record.get(field.pos()));
        }
        json.writeEndObject();
    }

    private static void write(JsonGenerator json, Object v) throws IOException {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            json.writeObject(v);
        } else if (v instanceof Instant t) {
            json.writeString(IsoInstants.format(t));
        } else if (v instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(v.toString());
        }
    }

    private static Object value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        return v.toString();
    }
}
