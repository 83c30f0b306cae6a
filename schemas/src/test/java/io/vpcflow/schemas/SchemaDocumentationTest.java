package io.vpcflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;

class SchemaDocumentationTest {

    static Stream<Schema> schemas() {
        return Stream.of(PacketEvent.getClassSchema(), FlowLogRecord.getClassSchema(), Finding.getClassSchema(),
                NetworkInterfaceMetadata.getClassSchema(), FlowLogSubscription.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void everyRecordAndFieldIsDocumented(Schema schema) {
        assertThat(schema.getNamespace()).isEqualTo("io.vpcflow.schemas.avro");
        assertThat(schema.getDoc()).as(schema.getName()).isNotBlank();
        schema.getFields().forEach(field ->
                assertThat(field.doc()).as(schema.getName() + "." + field.name()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void everyNullableFieldDefaultsToNull(Schema schema) {
        schema.getFields().stream()
                .filter(field -> field.schema().isNullable())
                .forEach(field -> assertThat(field.hasDefaultValue())
                        .as(schema.getName() + "." + field.name() + " needs a default to evolve").isTrue());
    }
}
