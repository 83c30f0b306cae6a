package io.vpcflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --network} option every command that models traffic shares. Without it, the bundled sample network:
 * {@code examples/sample-network.yaml} of the working directory, else of the vpcflow checkout the {@code ./vpcflow}
 * script runs from (system property {@code vpcflow.home}), so the default works from any directory.
 */
final class NetworkOption {
    static final String SAMPLE = "examples/sample-network.yaml";

    @Option(names = "--network", paramLabel = "<path>",
            description = "YAML file (docs/network-yaml.md) or directory of AWS describe-* JSON (default: the bundled"
                    + " sample network, " + SAMPLE + ")")
    Path network;

    Path path() {
        if (network != null) {
            return network;
        }
        Path local = Path.of(SAMPLE);
        String home = System.getProperty("vpcflow.home");
        if (Files.exists(local) || home == null) {
            return local;
        }
        return Path.of(home).resolve(SAMPLE);
    }
}
