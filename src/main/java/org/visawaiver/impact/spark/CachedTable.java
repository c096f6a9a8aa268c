package org.visawaiver.impact.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A cached Dataset as a new Dataset whose plan is one scan of the cache. The rows, their order and
 * their partitions are those of the cache, and a lost block is recomputed from the cached
 * Dataset's lineage as before; only the plan is short.
 *
 * <p>Why: the plan of a Dataset built on cached Datasets contains, for every query, the plans of
 * all of them (the panel's holds the validation's, which hold the CSV ranges'), and Spark writes
 * it out as text for every query and every adaptive re-plan (the SQL listener's plan description,
 * whether or not the UI is on). On the sample that text was up to 1.5 MB per event-study query
 * and its writing most of the driver's time in the event studies (docs/benchmarks.md).
 */
public final class CachedTable {
  private CachedTable() {}

  /** {@code cached} (already persisted) behind a plan that scans its cache and nothing else. */
  public static Dataset<Row> shortPlan(Dataset<Row> cached) {
    // internalCreateDataFrame is private[sql] in Scala and public in the bytecode; it wraps the
    // cached rows (RDD[InternalRow], no conversion per row) in a LogicalRDD, as Dataset.checkpoint
    // does, without copying them to a second store.
    return cached.sparkSession()
        .internalCreateDataFrame(cached.queryExecution().toRdd(), cached.schema(), false);
  }
}
