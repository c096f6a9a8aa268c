package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.visawaiver.impact.sample.SampleDataGenerator;

/**
 * The world folders of the simulation benchmarks (bench-coverage, bench-pretrend): written by the
 * project's sample generator, read back as the folders that hold a truth.csv.
 */
final class BenchWorlds {
  private BenchWorlds() {}

  /** The command line both world benchmarks share. */
  record Options(Path worlds, Path out, int generate, long seed, boolean calibrated,
      List<String> sets) {}

  /**
   * Parses --worlds DIR --out DIR [--generate N] [--seed S] [--set key=value]... and, when
   * {@code calibratedFlag}, [--calibrated]; {@code usage} prints the message and exits.
   */
  static Options parse(String[] args, long defaultSeed, boolean calibratedFlag,
      Consumer<String> usage) {
    Path worlds = null;
    Path out = null;
    int generate = 0;
    long seed = defaultSeed;
    boolean calibrated = false;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (calibratedFlag && args[i].equals("--calibrated")) {
        calibrated = true;
        continue;
      }
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null) {
        usage.accept("missing value after " + args[i]);
      }
      switch (args[i]) {
        case "--worlds" -> worlds = Path.of(v);
        case "--out" -> out = Path.of(v);
        case "--generate" -> generate = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--set" -> sets.add(v);
        default -> usage.accept("unknown option " + args[i]);
      }
      i++;
    }
    if (worlds == null || out == null) {
      usage.accept("--worlds and --out are required");
    }
    return new Options(worlds, out, generate, seed, calibrated, List.copyOf(sets));
  }

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
