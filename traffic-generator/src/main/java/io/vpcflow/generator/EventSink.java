package io.vpcflow.generator;

import io.vpcflow.schemas.avro.PacketEvent;

/** Where generated events go. Inert until {@link #start()}; {@link #send} is called from one thread. */
public interface EventSink extends AutoCloseable {
    /** Opens connections, creates topics. */
    void start();

    /** Sends one event, keyed by its interface id. Throws when an earlier send failed (failures are fatal). */
    void send(PacketEvent event);

    /**
     * Optional fast path: a sink that takes ready Avro bytes returns true here and implements
     * {@link #sendEncoded}; the generator then encodes events itself ({@link PacketEventEncoder}).
     */
    default boolean acceptsEncoded() {
        return false;
    }

    /** Sends one event already encoded as the sink's serializer would encode it. */
    default void sendEncoded(byte[] key, byte[] value, long timestampMillis) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes PacketEvent objects only");
    }

    /** The serializer whose output {@link #sendEncoded} expects, when {@link #acceptsEncoded()}. */
    default org.apache.kafka.common.serialization.Serializer<PacketEvent> serializer() {
        return null;
    }

    /** Blocks until everything sent so far is delivered. */
    void flush();

    @Override
    void close();
}
