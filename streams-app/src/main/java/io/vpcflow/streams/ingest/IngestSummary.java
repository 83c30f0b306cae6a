package io.vpcflow.streams.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one ingest run did. {@code lines} counts non-blank lines including headers; {@code published} the records
 * the broker acknowledged; {@code skipped} the lines that did not fit their format or lacked a field a record
 * needs; {@code unreadableFiles} the files that could not be read to their end (their records before the problem
 * are published).
 */
public record IngestSummary(long files, long lines, long published, long skipped, long headers,
                            long unreadableFiles) {

    /** As JSON-ready map with the keys the CLI prints. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", files);
        json.put("lines", lines);
        json.put("records_published", published);
        json.put("skipped", skipped);
        json.put("header_lines", headers);
        json.put("unreadable_files", unreadableFiles);
        return json;
    }
}
