package io.vpcflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.serde.ShippedSchemas;
import io.vpcflow.schemas.serde.TrustedAvroPackages;

/**
 * PacketEvent v2 added the optional fields sublocationType and sublocationId (default null). Data
 * written with the frozen v1 schema (test resource avro/v1/PacketEvent.avsc) must still be readable.
 */
class PacketEventEvolutionTest {

    private static final Schema V1 = parse("/avro/v1/PacketEvent.avsc");

    @Test
    void currentSchemaCanReadV1() {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(PacketEvent.getClassSchema(), V1);
        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void v1BinaryDataDecodesIntoCurrentClass() throws IOException {
        TrustedAvroPackages.install();
        byte[] v1Bytes = writeBinary(v1Packet());
        SpecificDatumReader<PacketEvent> reader = new SpecificDatumReader<>(V1, PacketEvent.getClassSchema());

        PacketEvent event = reader.read(null, DecoderFactory.get().binaryDecoder(v1Bytes, null));

        assertThat(event.getSrcAddr()).isEqualTo("203.0.113.7");
        assertThat(event.getEventTime()).isEqualTo(SampleRecords.T0);
        assertThat(event.getFlowDirection()).isEqualTo(FlowDirection.INGRESS);
        assertThat(event.getAction()).isEqualTo(Action.REJECT);
        assertThat(event.getSublocationType()).as("field added in v2 takes its default").isNull();
        assertThat(event.getSublocationId()).isNull();
    }

    @Test
    void v1SingleObjectDataDecodesWithoutRegistry() throws IOException {
        byte[] v1Message = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), V1).encode(v1Packet()).array();

        PacketEvent event = new AvroSerdes(SerdeConfig.withoutRegistry()).forValue(PacketEvent.class)
                .deserializer().deserialize("packets", v1Message);

        assertThat(event.getScenario()).isEqualTo("port-scan");
        assertThat(event.getSublocationType()).isNull();
    }

    @Test
    void shippedHistoryIsTheFrozenV1() {
        assertThat(ShippedSchemas.olderVersionsOf(PacketEvent.getClassSchema().getFullName())).isEqualTo(List.of(V1));
    }

    private static GenericRecord v1Packet() {
        Schema flowDirection = V1.getField("flowDirection").schema();
        Schema action = V1.getField("action").schema();
        return new GenericRecordBuilder(V1)
                .set("eventTime", SampleRecords.T0.toEpochMilli())
                .set("interfaceId", "eni-0a1b2c3d").set("accountId", "123456789012")
                .set("vpcId", "vpc-01").set("subnetId", "subnet-0a1").set("instanceId", null)
                .set("azId", "use1-az1").set("region", "us-east-1")
                .set("srcAddr", "203.0.113.7").set("dstAddr", "10.1.0.12")
                .set("srcPort", 51_234).set("dstPort", 22).set("protocol", 6)
                .set("packets", 1L).set("bytes", 60L).set("tcpFlags", 2)
                .set("flowDirection", new GenericData.EnumSymbol(flowDirection, "INGRESS"))
                .set("action", new GenericData.EnumSymbol(action, "REJECT"))
                .set("scenario", "port-scan")
                .build();
    }

    private static byte[] writeBinary(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema parse(String resource) {
        try (InputStream in = PacketEventEvolutionTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
