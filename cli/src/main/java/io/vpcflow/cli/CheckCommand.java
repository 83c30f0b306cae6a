package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.model.load.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vpcflow check <network>}: every problem of a network at once; exit 2 when there is an error. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a network: a YAML file (docs/network-yaml.md) or a directory of AWS describe-* JSON.",
                "Reports every problem at once with file, line, entity and fix. Exit code 0 when there is no error"
                        + " (warnings allowed), 2 otherwise."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<network>", description = "YAML file or describe-* directory")
    Path network;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadedNetwork loaded = NetworkLoader.load(network);
        List<Problem> problems = loaded.problems();
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("network", network.toString());
            report.put("valid", errors == 0);
            report.put("errors", errors);
            report.put("warnings", warnings);
            report.put("problems", problems.stream().map(CheckCommand::toJson).toList());
            report.put("entities", EntityCounts.of(loaded.network()));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            problems.forEach(out::println);
            out.println(network + ": " + errors + " error(s), " + warnings + " warning(s); "
                    + EntityCounts.summary(loaded.network()));
        }
        return errors == 0 ? 0 : VpcflowCli.BAD_INPUT;
    }

    private static Map<String, Object> toJson(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
        m.put("file", p.location().file());
        m.put("line", p.location().line() > 0 ? p.location().line() : null);
        m.put("entity", p.entityId());
        m.put("message", p.message());
        m.put("fix", p.fix());
        return m;
    }
}
