package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.EvaluationJson;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.net.Protocol;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vpcflow explain}: what AWS does with one packet, hop by hop, and why. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains what AWS would do with a packet: the hop path, the verdict (ACCEPTED, REJECTED,"
                + " NO_ROUTE, UNREACHABLE), the blocking component and rule with a Reachability-Analyzer-style"
                + " explanation code, and the flow-log records every interface on the path writes.",
                "Endpoints: an interface id (eni-...), an instance id (i-...), an IPv4 address, internet:<ip>,"
                        + " an internet host name from the network file, an AWS service (s3, dynamodb, or a service"
                        + " DNS name such as sqs.us-east-1.amazonaws.com, which resolves to an interface endpoint"
                        + " with private DNS), a VPC endpoint id (vpce-...), vpc-... or vgw-... as a source."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOption networkOption;

    @Option(names = "--from", required = true, description = "packet source")
    String from;

    @Option(names = "--to", required = true, description = "packet destination")
    String to;

    @Option(names = "--protocol", defaultValue = "tcp", description = "tcp, udp, icmp, -1 or a number (default: tcp)")
    String protocol;

    @Option(names = "--port", defaultValue = "0", description = "destination port (TCP/UDP)")
    int port;

    @Option(names = "--src-port", defaultValue = "49152", description = "source port (default: ${DEFAULT-VALUE})")
    int srcPort;

    @Option(names = "--icmp-type", defaultValue = "8", description = "ICMP type (default: 8, echo request)")
    int icmpType;

    @Option(names = "--icmp-code", defaultValue = "0", description = "ICMP code (default: 0)")
    int icmpCode;

    @Option(names = "--reply", description = "the packet is the reply of an accepted flow (from the server back"
            + " to the client): security groups, NAT gateways and load balancers let it through as established")
    boolean reply;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        int proto = Protocol.parse(protocol);
        checkPort(port, "--port");
        checkPort(srcPort, "--src-port");
        if (Protocol.hasPorts(proto) && port == 0) {
            throw new UserError("--port is required for " + Protocol.name(proto) + " (the destination port, 1-65535)");
        }
        LoadedNetwork loaded = NetworkFiles.loadValid(networkOption.path(), spec.commandLine().getErr());
        Evaluator evaluator = new Evaluator(CompiledNetwork.of(loaded.network()));
        int flags = proto == Protocol.TCP ? (reply ? Packet.SYN | Packet.ACK : Packet.SYN) : 0;
        Evaluation evaluation = new PacketRequest(from, to, proto, srcPort, port, flags, icmpType, icmpCode, reply)
                .evaluate(evaluator);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(EvaluationJson.toMap(evaluation)));
        } else {
            out.print(EvaluationText.render(evaluation, loaded.network()));
        }
        return 0;
    }

    private static void checkPort(int value, String flag) {
        if (value < 0 || value > 65535) {
            throw new UserError(flag + " " + value + " is not a port (0-65535)");
        }
    }
}
