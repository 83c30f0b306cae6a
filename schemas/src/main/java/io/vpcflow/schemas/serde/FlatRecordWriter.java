package io.vpcflow.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes a record of a flat schema (fields of primitive types, enums, {@code timestamp-millis} longs, and unions of
 * null with one of those) in Avro's binary encoding straight into a byte array: the same bytes as Avro's
 * {@code SpecificDatumWriter}, without its per-field schema walk and union resolution, which were most of the cost
 * of publishing a flow-log record. The plan is built from the schema itself, so a schema change needs no code change;
 * a schema with anything else (nested records, arrays, maps, bytes, other logical types) gets no writer
 * ({@link #of} returns null) and the serializers keep Avro's. {@code FlatRecordWriterTest} compares the bytes with
 * Avro's for every shipped schema of this kind.
 */
final class FlatRecordWriter {
    private enum Kind { NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING, ENUM, TIMESTAMP_MILLIS }

    /** One field: its kind, and for a union with null the branch index of null and of the value. */
    private record Field(int position, Kind kind, int nullBranch, int valueBranch) {
        boolean nullable() {
            return nullBranch >= 0;
        }
    }

    /** The largest per-thread buffer kept between records. */
    static final int SCRATCH_KEPT = 64 * 1024;

    private final String schemaName;
    private final Field[] fields;
    /**
     * Per thread, the last string written in each field and its UTF-8 bytes: a producer that hands over the same
     * {@code String} object again (flow-log records published one after the other share their account, interface,
     * VPC ...) does not pay for encoding it again. Compared by identity, so only the very same object counts. Also
     * the thread's buffer, so a record costs one array of its own size.
     */
    private final ThreadLocal<PerThread> perThread;

    private FlatRecordWriter(String schemaName, Field[] fields) {
        this.schemaName = schemaName;
        this.fields = fields;
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(fields.length));
    }

    private static final class PerThread {
        private final Object[] strings;
        private final byte[][] utf8;
        /**
         * The thread's buffer to write a record into, copied out at the end; one grown beyond {@link #SCRATCH_KEPT}
         * by a large record is dropped after it.
         */
        private Out scratch;

        PerThread(int fields) {
            strings = new Object[fields];
            utf8 = new byte[fields][];
            scratch = newScratch();
        }

        private Out newScratch() {
            return new Out(64 + 24 * strings.length);
        }

        /** Drops the buffer once a large record has grown it beyond {@link #SCRATCH_KEPT}. */
        void dropLargeScratch() {
            if (scratch.buf.length > SCRATCH_KEPT) {
                scratch = newScratch();
            }
        }

        /** The string's bytes; a {@code String} (immutable, unlike Avro's {@code Utf8}) is remembered. */
        byte[] utf8(int position, Object value) {
            if (!(value instanceof String)) {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }
            if (strings[position] != value) {
                utf8[position] = ((String) value).getBytes(StandardCharsets.UTF_8);
                strings[position] = value;
            }
            return utf8[position];
        }
    }

    /** A writer for records of {@code schema} of generated class {@code type}, or null if the schema is not flat. */
    static FlatRecordWriter of(Schema schema, Class<?> type) {
        if (schema.getType() != Schema.Type.RECORD) {
            return null;
        }
        List<Schema.Field> schemaFields = schema.getFields();
        Field[] fields = new Field[schemaFields.size()];
        for (Schema.Field f : schemaFields) {
            Schema s = f.schema();
            int nullBranch = -1;
            int valueBranch = -1;
            if (s.getType() == Schema.Type.UNION) {
                List<Schema> branches = s.getTypes();
                if (branches.size() != 2) {
                    return null;
                }
                nullBranch = branches.get(0).getType() == Schema.Type.NULL ? 0
                        : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
                if (nullBranch < 0) {
                    return null;
                }
                valueBranch = 1 - nullBranch;
                s = branches.get(valueBranch);
            }
            Kind kind = kindOf(s, type, f.name());
            if (kind == null) {
                return null;
            }
            fields[f.pos()] = new Field(f.pos(), kind, nullBranch, valueBranch);
        }
        return new FlatRecordWriter(schema.getFullName(), fields);
    }

    private static Kind kindOf(Schema s, Class<?> type, String fieldName) {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
            return logical.getName().equals(LogicalTypes.timestampMillis().getName()) ? Kind.TIMESTAMP_MILLIS : null;
        }
        return switch (s.getType()) {
            case NULL -> Kind.NULL;
            case BOOLEAN -> Kind.BOOLEAN;
            case INT -> Kind.INT;
            case LONG -> Kind.LONG;
            case FLOAT -> Kind.FLOAT;
            case DOUBLE -> Kind.DOUBLE;
            case STRING -> Kind.STRING;
            case ENUM -> enumInSchemaOrder(s, type, fieldName) ? Kind.ENUM : null;
            default -> null;
        };
    }

    /** Whether the generated Java enum of the field lists its constants in the schema's symbol order. */
    private static boolean enumInSchemaOrder(Schema s, Class<?> type, String fieldName) {
        try {
            Class<?> enumType = type.getMethod("get" + Character.toUpperCase(fieldName.charAt(0))
                    + fieldName.substring(1)).getReturnType();
            Object[] constants = enumType.getEnumConstants();
            return constants != null && Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList()
                    .equals(s.getEnumSymbols());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The record's binary encoding after {@code header}; a record that does not fit fails naming schema and topic. */
    byte[] serialize(byte[] header, SpecificRecord record, String topic) {
        try {
            return write(header, record);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot Avro-encode " + schemaName + " for topic '" + topic + "'", e);
        }
    }

    /** The record's binary encoding, after {@code header}. */
    byte[] write(byte[] header, SpecificRecord record) {
        PerThread last = perThread.get();
        Out out = last.scratch;
        out.size = 0;
        out.bytes(header, header.length);
        for (Field f : fields) {
            Object value = record.get(f.position());
            if (f.nullable()) {
                if (value == null) {
                    out.varLong(f.nullBranch() << 1);
                    continue;
                }
                out.varLong(f.valueBranch() << 1);
            }
            write(out, f, value, last);
        }
        byte[] bytes = Arrays.copyOf(out.buf, out.size);
        last.dropLargeScratch();
        return bytes;
    }

    private static void write(Out out, Field f, Object value, PerThread last) {
        switch (f.kind()) {
            case NULL -> { }
            case BOOLEAN -> out.bytes(new byte[] {(byte) (((Boolean) value) ? 1 : 0)}, 1);
            case INT -> out.zigZag((Integer) value);
            case LONG -> out.zigZag((Long) value);
            case FLOAT -> out.littleEndian(Float.floatToRawIntBits((Float) value) & 0xFFFFFFFFL, 4);
            case DOUBLE -> out.littleEndian(Double.doubleToRawLongBits((Double) value), 8);
            case STRING -> out.string(last.utf8(f.position(), value));
            case ENUM -> out.zigZag(((Enum<?>) value).ordinal());
            case TIMESTAMP_MILLIS -> out.zigZag(((Instant) value).toEpochMilli());
            default -> throw new IllegalStateException("unexpected kind " + f.kind());
        }
    }

    /** A growing byte array with Avro's primitive encodings. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void zigZag(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void littleEndian(long v, int count) {
            ensure(count);
            for (int i = 0; i < count; i++) {
                buf[size++] = (byte) (v >>> (8 * i));
            }
        }

        void string(byte[] utf8) {
            varLong((long) utf8.length << 1);
            bytes(utf8, utf8.length);
        }

        void bytes(byte[] b, int length) {
            ensure(length);
            System.arraycopy(b, 0, buf, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }
}
