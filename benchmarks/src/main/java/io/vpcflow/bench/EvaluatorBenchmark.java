package io.vpcflow.bench;

import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verdicts per second on a {@link LargeNetwork} whose hot security groups and ACLs hold {@code rules} rules per
 * direction: {@link #compiled} is the real API ({@link Evaluator#evaluate}: hops, flow-log observations, the reply
 * of accepted flows); {@link #naive} decides the same packets by linear scan. Each call evaluates the next packet of
 * a fixed pool of {@value #POOL} flows, so one op is one evaluation. Results: docs/performance.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EvaluatorBenchmark {
    static final long SEED = 20_261_126L;
    static final int POOL = 1024;

    @Param({"100", "1000", "10000"})
    public int rules;

    private Evaluator evaluator;
    private NaiveEvaluator naive;
    private Source[] sources;
    private Packet[] packets;
    private int next;

    @Setup
    public void setUp() {
        LargeNetwork network = LargeNetwork.generate(rules, SEED);
        evaluator = new Evaluator(CompiledNetwork.of(network.network()));
        naive = new NaiveEvaluator(network.network());
        List<PacketPool.Flow> flows = PacketPool.generate(network, POOL, SEED);
        sources = flows.stream().map(PacketPool.Flow::source).toArray(Source[]::new);
        packets = flows.stream().map(PacketPool.Flow::packet).toArray(Packet[]::new);
    }

    @Benchmark
    public Evaluation compiled() {
        int i = next++ & (POOL - 1);
        return evaluator.evaluate(sources[i], packets[i]);
    }

    @Benchmark
    public NaiveEvaluator.Result naive() {
        int i = next++ & (POOL - 1);
        return naive.evaluate(sources[i], packets[i]);
    }
}
