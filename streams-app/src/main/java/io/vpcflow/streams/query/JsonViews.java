package io.vpcflow.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records as JSON objects: every schema field under its Avro name, times as ISO-8601 UTC, enums and strings as
 * text, {@code null} where the record has none (AWS's {@code -}).
 */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> of(SpecificRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.put(field.name(), value(record.get(field.pos())));
        }
        return out;
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
