package io.vpcflow.testfixtures;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of the checkout: the nearest directory, from the working directory up, holding {@code .mvn}. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with .mvn at or above " + start
                + "; run the tests from inside the vpcflow checkout");
    }
}
