package org.visawaiver.impact.estimate.frame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.SparkBlocks;

/**
 * The observations one model uses, cached as blocks, with what the model frame knows about them.
 *
 * @param blocks the observations, one block per partition, cached (by the executor that runs the passes)
 * @param terms coefficient names, aligned with the regressor columns of the blocks
 * @param layout fixed effects and where their coefficients live
 * @param clusterNames names of the cluster dimensions (aligned with Block.clusters)
 * @param clusterLevels number of ids of each cluster dimension (ids are 0..levels-1; after
 *     dropping observations some may be unused)
 * @param observations rows in the blocks
 * @param usedLevels levels of each fixed effect that have observations (for K)
 * @param dropped observations dropped and why, in the order the rules ran
 * @param notes remarks for the summary (e.g. a level dropped)
 */
public record ModelFrame(
    Blocks<Block> blocks,
    List<String> terms,
    FeLayout layout,
    List<String> clusterNames,
    long[] clusterLevels,
    long observations,
    long[] usedLevels,
    Map<String, Long> dropped,
    List<String> notes) {
  @Override
  public long[] usedLevels() {
    return usedLevels.clone();
  }

  @Override
  public long[] clusterLevels() {
    return clusterLevels.clone();
  }

  /** A frame over the blocks of a cached RDD (Spark executor). */
  public ModelFrame(JavaRDD<Block> blocks, List<String> terms, FeLayout layout,
      List<String> clusterNames, long[] clusterLevels, long observations, long[] usedLevels,
      Map<String, Long> dropped, List<String> notes) {
    this(SparkBlocks.of(blocks), terms, layout, clusterNames, clusterLevels, observations,
        usedLevels, dropped, notes);
  }

  public ModelFrame {
    terms = List.copyOf(terms);
    clusterLevels = clusterLevels.clone();
    usedLevels = usedLevels.clone();
    clusterNames = List.copyOf(clusterNames);
    dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    notes = List.copyOf(notes);
  }

  /** A copy with other blocks and more dropped observations and notes. */
  public ModelFrame with(Blocks<Block> other, long n, long[] levels, Map<String, Long> moreDropped,
      List<String> moreNotes) {
    Map<String, Long> d = new LinkedHashMap<>(dropped);
    moreDropped.forEach((k, v) -> d.merge(k, v, Long::sum));
    List<String> nn = new java.util.ArrayList<>(notes);
    nn.addAll(moreNotes);
    return new ModelFrame(other, terms, layout, clusterNames, clusterLevels, n, levels, d, nn);
  }
}
