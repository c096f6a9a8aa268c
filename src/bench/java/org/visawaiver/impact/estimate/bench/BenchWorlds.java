package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.visawaiver.impact.sample.SampleDataGenerator;

/**
 * The world folders of the simulation benchmarks (bench-coverage, bench-pretrend): written by the
 * project's sample generator, read back as the folders that hold a truth.csv.
 */
final class BenchWorlds {
  private BenchWorlds() {}

  /**
   * Writes worlds DIR/world-0001..N with seeds seed+1..seed+N (calibrated to the published
   * figures or not), each with its truth.csv, then lists every world folder in DIR; null when
   * there is none.
   */
  static List<Path> prepare(Path worlds, int generate, long seed, boolean calibrated)
      throws IOException {
    for (int w = 1; w <= generate; w++) {
      Path dir = worlds.resolve(String.format("world-%04d", w));
      Files.createDirectories(dir);
      SampleDataGenerator.generate(dir, seed + w, calibrated);
      CoverageBenchmark.writeTruth(dir);
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(worlds)) {
      dirs = s.filter(p -> Files.isRegularFile(p.resolve("truth.csv"))).sorted().toList();
    }
    return dirs.isEmpty() ? null : dirs;
  }
}
