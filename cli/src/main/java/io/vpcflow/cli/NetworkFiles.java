package io.vpcflow.cli;

import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.model.load.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads a network for a command, refusing one with errors: each problem printed, then exit code 2. */
final class NetworkFiles {
    private NetworkFiles() {
    }

    static LoadedNetwork loadValid(Path path, PrintWriter err) {
        LoadedNetwork loaded = NetworkLoader.load(path);
        if (loaded.hasErrors()) {
            loaded.problems().stream().filter(Problem::isError).forEach(p -> err.println(p));
            throw new UserError(path + " has " + loaded.problems().stream().filter(Problem::isError).count()
                    + " error(s); run 'vpcflow check " + path + "' for the full report");
        }
        return loaded;
    }
}
