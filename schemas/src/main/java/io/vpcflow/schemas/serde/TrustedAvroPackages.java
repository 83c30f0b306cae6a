package io.vpcflow.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro instantiate vpcflow's generated classes when decoding.
 *
 * <p>Since 1.11.4/1.12.0 Avro only loads classes it trusts while decoding (its fix for
 * CVE-2024-47561); generated specific-record classes outside {@code java.lang}-like defaults are
 * refused unless listed in the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}. That
 * property is read once, when Avro's validator class initialises, so setting it from code is
 * order-dependent. Instead this adds our one generated package to Avro's process-wide validator,
 * keeping whatever was trusted before (including that system property). Idempotent.
 */
public final class TrustedAvroPackages {

    /** The package the avro-maven-plugin generates into (the schemas' namespace). */
    public static final String GENERATED_PACKAGE = "io.vpcflow.schemas.avro";

    private static boolean installed;

    private TrustedAvroPackages() {
    }

    /** Call before decoding into generated classes outside {@link AvroSerdes}. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityPredicate generated = type -> GENERATED_PACKAGE.equals(type.getPackageName());
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), generated));
        installed = true;
    }
}
