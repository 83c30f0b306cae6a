package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.generator.PacketEvents;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Observation;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.NetworkPublisher;
import io.vpcflow.streams.OfflineFlowLogs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KeyValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vpcflow simulate}: the flow-log records AWS would write for a CSV of attempted packets, offline. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Prints the flow-log records AWS would write for a CSV of attempted packets, offline: each"
                + " packet goes through the network model, and the events it produces go through the same Kafka"
                + " Streams topology the pipeline runs (in memory, no broker).",
                "CSV columns (docs/simulate.md): time,from,to,protocol,src_port,dst_port,packets,bytes,tcp_flags,reply."
                        + " Exit code 0, or 2 when a row or flag is bad (good rows are still simulated)."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOption networkOption;

    @Option(names = "--packets", required = true, description = "CSV of attempted packets, or - for standard input")
    String packets;

    @Option(names = "--interval", defaultValue = "60", description = "maximum aggregation interval: 60 or 600 s")
    int interval;

    @Option(names = "--format", description = "flow-log format (default: AWS's version 2 default format)")
    String format;

    @Option(names = "--flow-logs", description = "use the network file's flow logs instead of one flow log per VPC"
            + " capturing every interface with --interval and --format")
    boolean networkFlowLogs;

    @Option(names = "--nodata", description = "capture every interface of the network, so idle ones get NODATA"
            + " records (default: only the interfaces the packets reach)")
    boolean nodata;

    @Option(names = "--json", description = "print the records as JSON lines (all fields) instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (interval != 60 && interval != 600) {
            throw new UserError("--interval " + interval + ": AWS allows 60 or 600 seconds");
        }
        String spec = format == null ? FlowLogFormat.DEFAULT.awsSpec() : FlowLogFormat.parse(format).awsSpec();
        Network net = NetworkFiles.loadValid(networkOption.path(), this.spec.commandLine().getErr()).network();
        PacketCsv.Rows rows = readRows();
        rows.errors().forEach(this.spec.commandLine().getErr()::println);
        Evaluator evaluator = new Evaluator(CompiledNetwork.of(net));
        List<PacketEvent> events = new ArrayList<>();
        for (PacketCsv.Row row : rows.rows()) {
            events.addAll(eventsOf(row, evaluator, rows.errors()));
        }
        events.sort(Comparator.comparing(PacketEvent::getEventTime));
        var out = this.spec.commandLine().getOut();
        if (!events.isEmpty()) {
            for (String line : simulate(net, events, spec)) {
                out.println(line);
            }
        }
        return rows.errors().isEmpty() ? 0 : VpcflowCli.BAD_INPUT;
    }

    private PacketCsv.Rows readRows() throws Exception {
        if (packets.equals("-")) {
            return PacketCsv.read(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), "stdin");
        }
        Path path = Path.of(packets);
        if (!Files.isRegularFile(path)) {
            throw new UserError("--packets " + packets + ": no such file");
        }
        try (BufferedReader in = Files.newBufferedReader(path)) {
            return PacketCsv.read(in, packets);
        }
    }

    private List<PacketEvent> eventsOf(PacketCsv.Row row, Evaluator evaluator, List<String> errors) {
        try {
            Evaluation e = row.request().evaluate(evaluator);
            List<PacketEvent> events = new ArrayList<>();
            for (Observation obs : e.observations()) {
                events.add(PacketEvents.of(obs, e, row.timeMillis(), row.packets(), row.bytes(),
                        row.request().tcpFlags(), "simulate"));
            }
            return events;
        } catch (IllegalArgumentException ex) {
            errors.add(packets + ":" + row.line() + ": " + ex.getMessage() + " (row skipped)");
            this.spec.commandLine().getErr().println(errors.get(errors.size() - 1));
            return List.of();
        }
    }

    private List<String> simulate(Network net, List<PacketEvent> events, String formatSpec) throws Exception {
        Instant start = events.get(0).getEventTime();
        try (OfflineFlowLogs flowLogs = new OfflineFlowLogs(FlowLogConfig.defaults(), start)) {
            for (FlowLog flowLog : flowLogsOf(net, events, formatSpec)) {
                flowLogs.subscribe(NetworkPublisher.subscriptionOf(flowLog, net));
            }
            Set<String> captured = new LinkedHashSet<>();
            events.forEach(e -> captured.add(e.getInterfaceId()));
            for (NetworkInterface eni : net.networkInterfaces()) {
                if (nodata || captured.contains(eni.id())) {
                    flowLogs.capture(NetworkPublisher.metadataOf(eni, net));
                }
            }
            events.forEach(flowLogs::send);
            flowLogs.finish();
            if (!json) {
                return flowLogs.lines().stream().map(kv -> kv.value).toList();
            }
            ObjectMapper mapper = new ObjectMapper();
            List<String> lines = new ArrayList<>();
            for (KeyValue<String, FlowLogRecord> kv : flowLogs.records()) {
                lines.add(mapper.writeValueAsString(mapper.readTree(kv.value.toString())));
            }
            return lines;
        }
    }

    private List<FlowLog> flowLogsOf(Network net, List<PacketEvent> events, String formatSpec) {
        if (networkFlowLogs) {
            if (net.flowLogs().isEmpty()) {
                throw new UserError(networkOption.path() + " declares no flow logs; drop --flow-logs to capture every interface");
            }
            return List.copyOf(net.flowLogs());
        }
        Set<String> vpcs = new LinkedHashSet<>();
        events.forEach(e -> vpcs.add(e.getVpcId()));
        if (nodata) {
            net.vpcs().forEach(v -> vpcs.add(v.id()));
        }
        List<FlowLog> flowLogs = new ArrayList<>();
        for (String vpcId : vpcs) {
            Vpc vpc = net.vpc(vpcId).orElseThrow();
            flowLogs.add(new FlowLog("fl-simulate-" + vpcId, vpc.accountId(), vpc.region(), vpcId,
                    FlowLog.TrafficType.ALL, interval, formatSpec, "stdout"));
        }
        return flowLogs;
    }
}
