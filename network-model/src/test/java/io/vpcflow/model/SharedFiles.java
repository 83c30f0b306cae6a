package io.vpcflow.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's {@code shared/} folder, which sits beside the repository root in every clone. */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** {@code shared/} found by walking up from the working directory; fails with a clear message otherwise. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("peer-suites"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/peer-suites above " + Path.of("").toAbsolutePath()
                + "; clone the repository next to the shared/ folder");
    }

    public static Path batfishSnapshot(String scenario) {
        return root().resolve("peer-suites/batfish-aws").resolve(scenario).resolve("aws_configs");
    }

    /** The repository root: the first folder above the working directory holding {@code .mvn}. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (.mvn) above " + Path.of("").toAbsolutePath());
    }
}
