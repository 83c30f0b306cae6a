package io.vpcflow.streams.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * Micrometer's JVM and process binders: memory, garbage collection, threads, class loading, processor and uptime.
 * {@link #close()} removes the GC binder's notification listeners.
 */
public final class JvmBinders implements AutoCloseable {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private JvmBinders() {
    }

    /** Binds every binder to the registry; binding twice to one registry registers each meter once. */
    public static JvmBinders bindTo(MeterRegistry registry) {
        JvmBinders binders = new JvmBinders();
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return binders;
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // a binder that cannot unregister its listener leaves only a listener behind; nothing to report
            }
        }
    }
}
