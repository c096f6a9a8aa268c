package org.visawaiver.impact.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.visawaiver.impact.sample.SampleDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate-sample}: writes the seeded sample inputs (no Spark needed). */
@Command(name = "generate-sample",
    description = "Write the sample inputs (synthetic arrivals; real and synthetic visa_policy and advisories; "
        + "sample_truth.csv) to --out. The same seed gives the same files.")
final class GenerateSampleCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "notebooks-data",
      description = "Folder to write to. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SampleDataGenerator.DEFAULT_SEED,
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    SampleDataGenerator.Summary s = SampleDataGenerator.generate(out, seed);
    System.err.println("generate-sample: " + s.arrivalsRows() + " arrivals rows, " + s.policyRows()
        + " visa_policy rows, " + s.advisoryRows() + " advisories rows written to " + out + " (seed " + seed + ")");
    return WaiverImpactCli.EXIT_OK;
  }
}
