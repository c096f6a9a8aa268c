package org.visawaiver.impact.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times the steps of a run and logs one line per step to stderr. */
public final class StepTimer {
  private static final Logger LOG = LoggerFactory.getLogger("waiver-impact");
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public <T> T time(String step, Supplier<T> work, java.util.function.Function<T, String> summary) {
    long start = System.nanoTime();
    T result = work.get();
    double s = (System.nanoTime() - start) / 1e9;
    seconds.put(step, s);
    LOG.info(String.format("%-10s %6.1f s  %s", step, s, summary.apply(result)));
    return result;
  }

  Map<String, Double> seconds() {
    return Map.copyOf(seconds);
  }

  public Map<String, Double> orderedSeconds() {
    return new LinkedHashMap<>(seconds);
  }
}
