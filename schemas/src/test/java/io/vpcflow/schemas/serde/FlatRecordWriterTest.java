package io.vpcflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vpcflow.schemas.SampleRecords;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;

/** {@link FlatRecordWriter} must write exactly the bytes Avro's own writer writes, for every flat shipped schema. */
class FlatRecordWriterTest {
    private static final String[] TEXT = {"", "a", "eni-0a1b2c3d4e5f60718", "2001:db8::1", "ünïcødé ✓ 𝄞",
        "x".repeat(300)};

    static Stream<Class<? extends SpecificRecord>> flatTypes() {
        return Stream.of(PacketEvent.class, FlowLogRecord.class, NetworkInterfaceMetadata.class,
                FlowLogSubscription.class);
    }

    @ParameterizedTest
    @MethodSource("flatTypes")
    void writesAvrosBytesForRandomRecords(Class<? extends SpecificRecord> type) throws IOException {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        FlatRecordWriter flat = FlatRecordWriter.of(schema, type);
        assertThat(flat).as("a writer for %s", type.getSimpleName()).isNotNull();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            SpecificRecord record = randomRecord(model, schema, type, random, i % 10 == 0);
            assertThat(flat.write(new byte[0], record)).as("record %d: %s", i, record)
                    .isEqualTo(avroBytes(model, schema, record));
        }
    }

    @Test
    void theSerializerWritesTheSingleObjectEncodingAvroWrites() throws IOException {
        AvroSerdes serdes = new AvroSerdes(SerdeConfig.withoutRegistry());
        FlowLogRecord record = SampleRecords.flowLogRecord();
        SpecificData model = SpecificData.getForClass(FlowLogRecord.class);
        byte[] expected = new BinaryMessageEncoder<FlowLogRecord>(model, FlowLogRecord.getClassSchema())
                .encode(record).array();
        assertThat(serdes.forValue(FlowLogRecord.class).serializer().serialize("t", record)).isEqualTo(expected);
    }

    @Test
    void aRecordMissingARequiredFieldFailsNamingSchemaAndTopic() {
        FlowLogRecord record = SampleRecords.flowLogRecord();
        record.setAccountId(null);
        assertThatThrownBy(() -> new AvroSerdes(SerdeConfig.withoutRegistry()).forValue(FlowLogRecord.class)
                .serializer().serialize("flow-logs", record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.vpcflow.schemas.avro.FlowLogRecord")
                .hasMessageContaining("'flow-logs'");
    }

    @Test
    void aLargeOrFailedRecordLeavesNothingBehindInTheThreadsBuffer() throws IOException {
        // the writer reuses a buffer per thread (and drops one grown past SCRATCH_KEPT): what a record leaves in it
        // must never reach the next record's bytes
        SpecificData model = SpecificData.getForClass(FlowLogRecord.class);
        Schema schema = FlowLogRecord.getClassSchema();
        FlatRecordWriter flat = FlatRecordWriter.of(schema, FlowLogRecord.class);
        FlowLogRecord large = SampleRecords.flowLogRecord();
        large.setRule("r".repeat(FlatRecordWriter.SCRATCH_KEPT * 2));
        FlowLogRecord failing = SampleRecords.flowLogRecord();
        failing.setInterfaceId("x".repeat(5_000));
        failing.setLogStatus(null); // a required field after the long string: fails in the middle of the record
        FlowLogRecord small = SampleRecords.flowLogRecord();
        byte[] header = {1, 2, 3};
        for (FlowLogRecord before : new FlowLogRecord[] {large, failing}) {
            if (before == failing) {
                assertThatThrownBy(() -> flat.write(header, failing)).isInstanceOf(RuntimeException.class);
            } else {
                assertThat(flat.write(new byte[0], large)).isEqualTo(avroBytes(model, schema, large));
            }
            byte[] expected = avroBytes(model, schema, small);
            byte[] written = flat.write(header, small);
            assertThat(written).hasSize(header.length + expected.length).startsWith(header).endsWith(expected);
        }
    }

    @Test
    void aSchemaWithAnArrayGetsNoWriter() {
        assertThat(FlatRecordWriter.of(Finding.getClassSchema(), Finding.class)).isNull();
        assertThat(FlatRecordWriter.of(Schema.create(Schema.Type.STRING), String.class)).isNull();
    }

    private static byte[] avroBytes(SpecificData model, Schema schema, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Every field random (a nullable one null a third of the time); {@code edges} uses extreme numbers. */
    private static SpecificRecord randomRecord(SpecificData model, Schema schema, Class<?> type, Random random,
                                               boolean edges) {
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        for (Schema.Field f : schema.getFields()) {
            Schema s = f.schema();
            if (s.getType() == Schema.Type.UNION) {
                if (random.nextInt(3) == 0) {
                    record.put(f.pos(), null);
                    continue;
                }
                s = s.getTypes().get(0).getType() == Schema.Type.NULL ? s.getTypes().get(1) : s.getTypes().get(0);
            }
            record.put(f.pos(), randomValue(s, type, f.name(), random, edges));
        }
        return record;
    }

    private static Object randomValue(Schema s, Class<?> type, String field, Random random, boolean edges) {
        if (s.getLogicalType() != null) {
            return Instant.ofEpochMilli(edges ? (random.nextBoolean() ? 0 : -1) : random.nextLong() >> 20);
        }
        return switch (s.getType()) {
            case BOOLEAN -> random.nextBoolean();
            case INT -> edges ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : random.nextInt();
            case LONG -> edges ? (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong();
            case FLOAT -> random.nextFloat() - 0.5f;
            case DOUBLE -> random.nextGaussian();
            case STRING -> TEXT[random.nextInt(TEXT.length)];
            case ENUM -> {
                Object[] constants = enumType(type, field).getEnumConstants();
                yield constants[random.nextInt(constants.length)];
            }
            default -> throw new IllegalArgumentException("not flat: " + s);
        };
    }

    private static Class<?> enumType(Class<?> type, String field) {
        try {
            return type.getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1))
                    .getReturnType();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
