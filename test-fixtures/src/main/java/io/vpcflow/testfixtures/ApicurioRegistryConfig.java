package io.vpcflow.testfixtures;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link ApicurioRegistryFixture}.
 *
 * @param repositoryRoot  root of the vpcflow checkout (the directory holding {@code .mvn}); the
 *                        server is {@code apicurio-registry/target/quarkus-app/quarkus-run.jar} in it
 * @param startTimeout    how long {@code start()} waits for {@code GET /health/ready}
 * @param maxHeap         the server's {@code -Xmx}
 */
public record ApicurioRegistryConfig(Path repositoryRoot, Duration startTimeout, String maxHeap) {

    public ApicurioRegistryConfig {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
    }

    /** Repository root found from the working directory, 90 s start timeout, 512 MiB heap. */
    public static ApicurioRegistryConfig defaults() {
        return new ApicurioRegistryConfig(RepositoryRoot.find(), Duration.ofSeconds(90), "512m");
    }

    public Path serverJar() {
        return repositoryRoot.resolve("apicurio-registry/target/quarkus-app/quarkus-run.jar");
    }
}
