package org.visawaiver.impact.pipeline;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the steps of a run and logs one line per step to stderr: wall seconds, then the CPU
 * seconds of the whole JVM in the step (every thread, JIT compiler and GC included), which on a
 * shared machine says more about the step's own work than the wall time does.
 */
public final class StepTimer {
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public <T> T time(String step, Supplier<T> work, java.util.function.Function<T, String> summary) {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    T result = work.get();
    double s = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    seconds.put(step, s);
    LOG.info(String.format(java.util.Locale.ROOT, "%-10s %6.1f s  (cpu %5.1f s)  %s", step, s, cpu,
        summary.apply(result)));
    return result;
  }

  /** CPU time of this JVM so far, or 0 where the platform does not report it. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }

  Map<String, Double> seconds() {
    return Map.copyOf(seconds);
  }

  public Map<String, Double> orderedSeconds() {
    return new LinkedHashMap<>(seconds);
  }
}
