package io.vpcflow.streams.findings;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;

/** The bundled sample network ({@code examples/sample-network.yaml}), loaded once. */
final class SampleNetwork {
    private static Network network;

    private SampleNetwork() {
    }

    static synchronized Network get() {
        if (network == null) {
            LoadedNetwork loaded = NetworkLoader.load(repositoryRoot().resolve("examples/sample-network.yaml"));
            if (loaded.hasErrors()) {
                throw new IllegalStateException("sample network has errors: " + loaded.problems());
            }
            network = loaded.network();
        }
        return network;
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the vpcflow checkout");
    }
}
