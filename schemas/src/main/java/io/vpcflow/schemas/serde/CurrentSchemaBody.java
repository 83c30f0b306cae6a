package io.vpcflow.schemas.serde;

/**
 * Implemented by the Avro deserializers of {@link AvroSerdes}: tells where the Avro binary body of a value starts when
 * the value was written with exactly the schema the deserializer reads into, so that a reader that knows that schema
 * can take fields straight from the bytes, with no schema resolution and no record built. A value written with any
 * other schema (an older version, another registry id) gives -1 and must go through the deserializer.
 */
public interface CurrentSchemaBody {
    /**
     * The offset of the body in {@code data} if {@code data} (a value of {@code topic}) was written with the
     * deserializer's own schema, else -1 (also for data too short to carry a header). With a schema registry, an id
     * not yet known is fetched, and a registry that cannot answer fails as the deserializer would.
     */
    int currentSchemaBody(String topic, byte[] data);
}
