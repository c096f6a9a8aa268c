package org.visawaiver.impact.estimate.exec;

import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which executor runs a model's passes (estimate.executor, estimate.local-heap-share): {@code
 * spark} always Spark jobs; {@code local} the blocks in driver memory; {@code auto} local when the
 * master is local (the driver has every core anyway) and the blocks' estimated bytes fit {@code
 * heapShare} of the driver's maximum heap, else Spark.
 *
 * @param mode auto, local or spark
 * @param heapShare share of the driver's maximum heap the blocks may take for auto to pick local
 */
public record ExecutorSettings(Mode mode, double heapShare) {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorSettings.class);

  /** The configured choice. */
  public enum Mode {
    AUTO,
    LOCAL,
    SPARK
  }

  public ExecutorSettings {
    if (!(heapShare > 0 && heapShare <= 1)) {
      throw new IllegalArgumentException("estimate.local-heap-share must be in (0, 1], found "
          + heapShare + "; the estimation did not start");
    }
  }

  /** From the configuration values; an unknown mode names the three allowed. */
  public static ExecutorSettings of(String mode, double heapShare) {
    Mode m;
    try {
      m = Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("estimate.executor must be auto, local or spark, found \""
          + mode + "\"; the estimation did not start", e);
    }
    return new ExecutorSettings(m, heapShare);
  }

  /**
   * The executor for blocks of about {@code bytes}, logged with the numbers behind the choice;
   * {@code what} names the model in the log.
   */
  public Blocks.Executor choose(JavaSparkContext jsc, long bytes, String what) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    long budget = (long) (heapShare * maxHeap);
    Blocks.Executor chosen = switch (mode) {
      case SPARK -> Blocks.Executor.SPARK;
      case LOCAL -> Blocks.Executor.LOCAL;
      case AUTO -> jsc.isLocal() && bytes <= budget ? Blocks.Executor.LOCAL : Blocks.Executor.SPARK;
    };
    LOG.info("model {}: executor {} (estimate.executor = {}; master {}; blocks ~{} MB, {} x max "
            + "heap {} MB = {} MB)", what, chosen.configName(), mode.name().toLowerCase(Locale.ROOT),
        jsc.master(), bytes >> 20, heapShare, maxHeap >> 20, budget >> 20);
    return chosen;
  }

  /**
   * The blocks on the chosen executor: Spark blocks moved into driver memory (and released from
   * Spark's cache) when local is chosen; otherwise as they are.
   */
  public <T> Blocks<T> place(Blocks<T> blocks, long bytes, String what) {
    Blocks.Executor chosen = choose(JavaSparkContext.fromSparkContext(blocks.rdd().context()),
        bytes, what);
    if (chosen == blocks.executor() || chosen == Blocks.Executor.SPARK) {
      return blocks;
    }
    LocalBlocks<T> local = LocalBlocks.of(blocks.rdd());
    blocks.release();
    return local;
  }
}
