package org.visawaiver.impact.sample;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate-sample}: writes the seeded sample inputs (no Spark needed). Lives beside the
 * generator outside the production jar; launched by scripts/generate-sample (and by
 * {@code scripts/waiver-impact generate-sample}, which delegates to it).
 */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
    description = "Write the sample inputs (synthetic arrivals; real and synthetic visa_policy and advisories; "
        + "sample_truth.csv) to --out. The same seed gives the same files.")
public final class GenerateSampleCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "notebooks-data",
      description = "Folder to write to. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SampleDataGenerator.DEFAULT_SEED,
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command; returns 0, or 2 for a bad option (picocli's usage error code). */
  public static int execute(String... args) {
    return new CommandLine(new GenerateSampleCommand()).execute(args);
  }

  @Override
  public Integer call() {
    SampleDataGenerator.Summary s = SampleDataGenerator.generate(out, seed);
    System.err.println("generate-sample: " + s.arrivalsRows() + " arrivals rows, " + s.policyRows()
        + " visa_policy rows, " + s.advisoryRows() + " advisories rows written to " + out + " (seed " + seed + ")");
    return 0;
  }
}
