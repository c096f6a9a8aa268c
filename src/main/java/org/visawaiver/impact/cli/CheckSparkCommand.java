package org.visawaiver.impact.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.ops.SparkCheck;
import org.visawaiver.impact.pipeline.StagedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code check-spark}: a small distributed job that proves a master and its executors work (the
 * first thing to run after {@code scripts/cluster start}). Reads no input; writes
 * {@code OUT/check-spark.csv} and {@code OUT/manifest.json}.
 */
@Command(name = "check-spark",
    description = "Run a small distributed job to check the Spark master and executors: "
        + "OUT/check-spark.csv and manifest.json (reads no input).")
final class CheckSparkCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("waiver-impact");
  @Mixin JobOptions options;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "8",
      description = "Tasks to spread over the executors. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
      description = "Seconds each task waits before computing (a slow job for operations drills). "
          + "Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Override
  public Integer call() {
    return CommandExecution.execute(spec, options, (spark, config) ->
        new StagedRun(spark, config).run(spec.name(), (out, manifest, timer) -> {
          LOG.info("check-spark: running {} tasks on {}", partitions, spark.sparkContext().master());
          SparkCheck.Result r = SparkCheck.run(spark, partitions, seconds);
          LOG.info("check-spark: checksum {} from {} executor(s)", r.checksum(), r.executorsUsed());
          CsvTableWriter.write(out.resolve("check-spark.csv"),
              List.of("partitions", "values", "checksum"),
              List.of(List.of(String.valueOf(r.partitions()), String.valueOf(r.values()),
                  String.valueOf(r.checksum()))));
        }));
  }
}
