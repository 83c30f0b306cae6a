package io.vpcflow.streams.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Severity;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming writer gives byte for byte the JSON that the maps of {@link JsonViews#of} give through Jackson. */
class JsonViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordWithEveryKindOfFieldIsWrittenAsItsMap() throws Exception {
        List<SpecificRecord> records = List.of(
                QueryData.record("eni-1", "vpc-1", "subnet-1", 3, 1234, 5, Action.REJECT),
                QueryData.record("eni-2", "vpc-2", "subnet-2", 0, 0, 0, Action.ACCEPT),
                QueryData.noData("eni-3", 7),
                QueryData.finding("f-1", "PORT_SCAN", Severity.HIGH, "eni-1", 1, 4, 7));
        for (SpecificRecord record : records) {
            String streamed = new String(JsonViews.write(json -> JsonViews.write(json, record)),
                    StandardCharsets.UTF_8);
            assertThat(streamed).isEqualTo(JSON.writeValueAsString(JsonViews.of(record)));
        }
    }

    @ParameterizedTest(name = "{0} records, offset {1}, limit {2}")
    @CsvSource({"60, 0, 10", "60, 50, 10", "60, 55, 10", "60, 70, 10", "0, 0, 10", "3, 0, 1000"})
    void aPageCutWhileScanningIsWrittenAsPageOfGives(int total, int offset, int limit) throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            all.add(i);
        }
        Page page = new Page(offset, limit);
        List<Integer> cut = all.subList(Math.min(offset, total), Math.min(total, offset + limit));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("interface", "eni-1");
        String streamed = new String(JsonViews.write(json -> {
            json.writeStartObject();
            json.writeStringField("interface", "eni-1");
            json.writeArrayFieldStart("items");
            for (int i : cut) {
                json.writeNumber(i);
            }
            json.writeEndArray();
            page.writeFields(json, cut.size(), total);
            json.writeEndObject();
        }), StandardCharsets.UTF_8);
        assertThat(streamed).isEqualTo(JSON.writeValueAsString(page.of(all, extra)));
    }
}
