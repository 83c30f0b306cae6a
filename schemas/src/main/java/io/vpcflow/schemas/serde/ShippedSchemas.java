package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * Older versions of vpcflow's schemas that this build still ships, so that registry-less
 * decoders can read data written by earlier releases. Add the previous version here (and its file
 * under {@code resources/io/vpcflow/schemas/history}) whenever a schema evolves.
 */
public final class ShippedSchemas {

    private static final String HISTORY = "/io/vpcflow/schemas/history/";

    private static final Map<String, List<String>> OLDER_VERSIONS = Map.of(
            "io.vpcflow.schemas.avro.PacketEvent", List.of("PacketEvent-v1.avsc"));

    private ShippedSchemas() {
    }

    /** Earlier versions of the record with this full name, oldest first; empty if none. */
    public static List<Schema> olderVersionsOf(String fullName) {
        return OLDER_VERSIONS.getOrDefault(fullName, List.of()).stream()
                .map(ShippedSchemas::load)
                .toList();
    }

    private static Schema load(String file) {
        try (InputStream in = ShippedSchemas.class.getResourceAsStream(HISTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("shipped schema " + HISTORY + file + " missing from the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shipped schema " + file, e);
        }
    }
}
