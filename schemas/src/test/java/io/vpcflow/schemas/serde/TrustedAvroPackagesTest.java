package io.vpcflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

import io.vpcflow.schemas.avro.PacketEvent;

class TrustedAvroPackagesTest {

    @Test
    void trustsOnlyTheGeneratedPackage() {
        TrustedAvroPackages.install();
        TrustedAvroPackages.install();

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(PacketEvent.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(AvroSerdes.class)).isFalse();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(String.class)).isTrue();
    }
}
