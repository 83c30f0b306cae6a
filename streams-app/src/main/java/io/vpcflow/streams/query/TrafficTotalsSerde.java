package io.vpcflow.streams.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The values of the traffic-totals store, in binary: a format byte (1), the interface, VPC and subnet ids (each
 * {@link DataOutputStream#writeUTF}), then bytes, packets and records (8 bytes each, big-endian). A top-talkers
 * query reads every (minute, interface) total of its range, thousands per request, and decoding them from JSON
 * was most of its time. Values the store held before, JSON objects (first byte {@code '{'}), are still read.
 */
final class TrafficTotalsSerde {
    private static final byte FORMAT = 1;
    private static final Deserializer<TrafficTotals> JSON = JsonSerde.of(TrafficTotals.class).deserializer();

    private TrafficTotalsSerde() {
    }

    static Serde<TrafficTotals> serde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : write(value),
                (topic, data) -> data == null ? null : read(topic, data));
    }

    private static byte[] write(TrafficTotals t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(t.interfaceId());
            out.writeUTF(t.vpcId());
            out.writeUTF(t.subnetId());
            out.writeLong(t.bytes());
            out.writeLong(t.packets());
            out.writeLong(t.records());
        } catch (IOException e) {
            throw new SerializationException("cannot write traffic totals of " + t.interfaceId(), e);
        }
        return bytes.toByteArray();
    }

    private static TrafficTotals read(String topic, byte[] data) {
        if (data.length > 0 && data[0] == '{') {
            return JSON.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != FORMAT) {
            throw new SerializationException("traffic totals in " + topic + " have an unknown format "
                    + (data.length == 0 ? "(no bytes)" : "byte " + data[0]));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            return new TrafficTotals(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(),
                    in.readLong());
        } catch (IOException e) {
            throw new SerializationException("traffic totals in " + topic + " are cut short", e);
        }
    }
}
