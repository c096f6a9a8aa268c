package org.visawaiver.impact.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.visawaiver.impact.config.JobConfig;

/**
 * The output folder of a small run for report tests (src/test/resources/report/run): the sample's
 * coefficients, model summary and Wald test, its scenario_monthly rows of two scenarios, and
 * scenario_summary, sensitivity, transfer and event_study files in the contract's columns.
 */
public final class ReportFixtures {
  static final Path RUN = Path.of("src/test/resources/report/run");
  /** Inputs of that run as far as the report reads them: tourism parameters, sources (one synthetic row). */
  static final Path DATA = Path.of("src/test/resources/report/data");

  /** The default configuration reading {@link #DATA}, with overrides. */
  public static JobConfig config(String... overrides) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("data.dir=" + DATA.toAbsolutePath()));
    all.addAll(java.util.List.of(overrides));
    return JobConfig.load(null, false, all);
  }

  private ReportFixtures() {}

  /** Copies the fixture run into {@code out}, leaving out the files named in {@code without}. */
  public static Path copyRun(Path out, String... without) {
    try (Stream<Path> files = Files.walk(RUN)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = RUN.relativize(f).toString();
        if (Stream.of(without).anyMatch(rel::startsWith)) {
          continue;
        }
        Path target = out.resolve(rel);
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
