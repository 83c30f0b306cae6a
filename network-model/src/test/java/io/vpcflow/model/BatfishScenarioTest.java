package io.vpcflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.EndpointResolver;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.net.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every flow of Batfish's AWS end-to-end tests, on the real describe-* snapshots they use, with the verdict, the
 * blocking component and the hop path Batfish expects (src/test/resources/batfish/flows.tsv).
 */
class BatfishScenarioTest {
    private static final Map<String, Evaluator> EVALUATORS = new HashMap<>();

    record Flow(String scenario, String row, String from, String to, String protocol, int srcPort, int dstPort,
                boolean reply, String verdict, String blockedAt, List<String> hops, boolean exactHops) {
        @Override
        public String toString() {
            return scenario + " flow " + row + (reply ? " (reply)" : " " + from + " -> " + to);
        }
    }

    /** Pairs each reply row with the forward row above it, so both run in one test case. */
    static Stream<List<Flow>> flows() throws IOException {
        List<List<Flow>> cases = new ArrayList<>();
        for (Flow flow : readFlows()) {
            if (flow.reply()) {
                cases.get(cases.size() - 1).add(flow);
            } else {
                cases.add(new ArrayList<>(List.of(flow)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flows")
    void reproducesBatfishOutcome(List<Flow> flowAndReply) {
        Iterator<Flow> it = flowAndReply.iterator();
        Flow flow = it.next();
        Evaluator evaluator = EVALUATORS.computeIfAbsent(flow.scenario(), BatfishScenarioTest::load);
        EndpointResolver resolver = new EndpointResolver(evaluator.network());
        Source source = resolver.source(flow.from());
        int protocol = Protocol.parse(flow.protocol());
        Packet packet = new Packet(source.ip(), resolver.destination(flow.to(), source), protocol, flow.srcPort(),
                flow.dstPort(), protocol == Protocol.TCP ? Packet.SYN : 0, -1, -1);
        Evaluation evaluation = evaluator.evaluate(source, packet);
        check(flow, evaluation, evaluator.network().network());
        while (it.hasNext()) {
            assertThat(evaluation.reply()).as("reply of " + flow).isNotNull();
            check(it.next(), evaluation.reply(), evaluator.network().network());
        }
    }

    private static void check(Flow flow, Evaluation evaluation, Network network) {
        String context = flow + ": " + evaluation.explanation() + " via " + evaluation.hops();
        assertThat(evaluation.verdict().name()).as(context).isEqualTo(flow.verdict());
        assertThat(evaluation.blockedAt()).as(context).isEqualTo(flow.blockedAt());
        List<String> hops = batfishNames(evaluation.hops(), network);
        if (flow.exactHops()) {
            assertThat(hops).as(context).containsExactlyElementsOf(flow.hops());
        } else {
            assertThat(hops).as(context).containsSubsequence(flow.hops());
        }
    }

    /** vpcflow names interfaces and shows peerings; Batfish names instances and endpoint nodes and hides peerings. */
    private static List<String> batfishNames(List<String> hops, Network network) {
        List<String> names = new ArrayList<>();
        for (String hop : hops) {
            if (hop.startsWith("pcx-")) {
                continue;
            }
            NetworkInterface eni = network.networkInterface(hop).orElse(null);
            if (eni != null && eni.type() == InterfaceType.INSTANCE) {
                names.add(eni.attachedTo());
            } else if (eni != null && eni.type() == InterfaceType.VPC_ENDPOINT) {
                names.add(eni.attachedTo() + "-" + eni.subnetId());
            } else {
                names.add(hop.equals("aws-services") ? "__aws-services-gateway__" : hop);
            }
        }
        return names;
    }

    private static Evaluator load(String scenario) {
        LoadedNetwork loaded = NetworkLoader.load(SharedFiles.batfishSnapshot(scenario));
        assertThat(loaded.problems().stream().filter(p -> p.isError())).as(scenario + " loads and validates").isEmpty();
        return new Evaluator(CompiledNetwork.of(loaded.network()));
    }

    private static List<Flow> readFlows() throws IOException {
        List<Flow> flows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BatfishScenarioTest.class.getResourceAsStream("/batfish/flows.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                boolean reply = f[7].equals("reply");
                flows.add(new Flow(f[0], f[1], f[2], f[3], f[4], reply ? 0 : Integer.parseInt(f[5]),
                        reply ? 0 : Integer.parseInt(f[6]), reply, f[8], f[9].equals("-") ? null : f[9],
                        List.of(f[10].split(" ")), f[11].equals("exact")));
            }
        }
        return flows;
    }
}
