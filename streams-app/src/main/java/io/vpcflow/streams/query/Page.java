package io.vpcflow.streams.query;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

/** {@code offset} and {@code limit} of a list request, and the envelope of a list answer. */
record Page(int offset, int limit) {
    static final int MAX_OFFSET = 1_000_000;

    static Page of(Params params, QueryConfig config) {
        return new Page(params.integer("offset", 0, 0, MAX_OFFSET),
                params.integer("limit", config.defaultPageSize(), 1, config.maxPageSize()));
    }

    /**
     * One page of {@code all} (already in answer order) with {@code total} and {@code next_offset} ({@code null} on
     * the last page); {@code extra} fields come first.
     */
    Map<String, Object> of(List<?> all, Map<String, Object> extra) {
        Map<String, Object> out = new LinkedHashMap<>(extra);
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        out.put("items", all.subList(from, to));
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("total", all.size());
        out.put("next_offset", to < all.size() ? to : null);
        return out;
    }

    /** The paging fields of an answer whose page of {@code count} items was cut from {@code total}. */
    void writeFields(JsonGenerator json, int count, int total) throws IOException {
        json.writeNumberField("offset", offset);
        json.writeNumberField("limit", limit);
        json.writeNumberField("total", total);
        json.writeFieldName("next_offset");
        if (offset + count < total) {
            json.writeNumber(offset + count);
        } else {
            json.writeNull();
        }
    }

    String query() {
        return "offset=" + offset + "&limit=" + limit;
    }
}
