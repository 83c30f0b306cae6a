package io.vpcflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time spent by the benchmark's worker threads, per iteration. On a shared machine the
 * wall-clock score also measures how much of a core the scheduler gave the benchmark; this one does not, so it is
 * the fairer figure for "per core". GC and JIT threads are not counted. Use with
 * {@code -prof io.vpcflow.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> cpuAtStart = Map.of();

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark worker threads";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = workerCpuTimes();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's signature uses the raw Result type
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpuNanos = 0;
        for (Map.Entry<Long, Long> worker : workerCpuTimes().entrySet()) {
            cpuNanos += worker.getValue() - cpuAtStart.getOrDefault(worker.getKey(), 0L);
        }
        double opsPerCpuSecond = cpuNanos <= 0 ? Double.NaN : result.getMetadata().getAllOps() / (cpuNanos / 1e9);
        return List.of(new ScalarResult("cpu.ops", opsPerCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }

    /** CPU nanoseconds of each live JMH worker thread, by thread id. */
    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    times.put(info.getThreadId(), cpu);
                }
            }
        }
        return times;
    }
}
