package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.ModelSpec;

/**
 * R fixest's side of {@code scripts/bench-estimate --vs-fixest}: one fresh {@code Rscript} process
 * per panel running src/bench/r/fixest_fit.R (fepois on the saved panel with the model's formula
 * and variance, only the fit timed, peak RSS of the R process).
 *
 * @param fitSeconds fepois() wall time, after the panel was read
 * @param fitCpuSeconds CPU time (user + system, all threads) of the R process during fepois()
 * @param peakRssMb the R process's peak resident set (VmHWM), reading the panel included
 * @param observations fixest's nobs
 * @param coefficients term -> {estimate, std error}, terms named as ours
 */
record FixestRun(double fitSeconds, double fitCpuSeconds, long peakRssMb, long observations,
    Map<String, double[]> coefficients) {
  static final Path SCRIPT = Path.of("src/bench/r/fixest_fit.R");

  /** Empty with the reason when Rscript or the fixest package is missing. */
  static Optional<String> unavailable() {
    try {
      Process p = new ProcessBuilder("Rscript", "-e", "library(fixest)").redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? Optional.empty()
          : Optional.of("Rscript cannot load fixest (" + out.lines().findFirst().orElse("") + ")");
    } catch (IOException e) {
      return Optional.of("Rscript not found on PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  /**
   * Fits {@code spec} (PPML; its formula and variance as the configuration writes them) on the CSV
   * panel with fixest in a new R process.
   */
  static FixestRun fit(Path panel, ModelSpec spec, int threads)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("fixest-fit", ".log");
    try {
      Process p = new ProcessBuilder("Rscript", SCRIPT.toString(), panel.toString(),
          spec.formula().text(), spec.vcov().label(), Integer.toString(threads))
          .redirectError(log.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
        throw new IOException("fixest fit of " + panel + " failed (" + SCRIPT + "): "
            + Files.readString(log));
      }
      return parse(out);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static FixestRun parse(String out) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, double[]> coefficients = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      List<String> f = List.of(line.trim().split("\\s+"));
      if (f.get(0).equals("coef") && f.size() == 4) {
        coefficients.put(f.get(1),
            new double[] {Double.parseDouble(f.get(2)), Double.parseDouble(f.get(3))});
      } else if (f.size() == 2) {
        values.put(f.get(0), f.get(1));
      }
    }
    return new FixestRun(Double.parseDouble(required(values, "fit_seconds", out)),
        Double.parseDouble(required(values, "fit_cpu_seconds", out)),
        Long.parseLong(required(values, "peak_rss_mb", out)),
        Long.parseLong(required(values, "nobs", out)), coefficients);
  }

  private static String required(Map<String, String> values, String key, String out) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalStateException(SCRIPT + " printed no '" + key + " VALUE' line, so the "
          + "fixest columns cannot be filled; its output was: " + out.strip());
    }
    return v;
  }

  /** Largest relative difference of our coefficients from fixest's (NaN for a term it lacks). */
  double maxCoefficientDifference(FitResult ours) {
    double max = 0;
    for (String term : ours.terms()) {
      double[] theirs = coefficients.get(term);
      double d = theirs == null ? Double.NaN
          : Math.abs(ours.coefficient(term) - theirs[0]) / Math.abs(theirs[0]);
      max = Double.isNaN(d) ? d : Math.max(max, d);
    }
    return max;
  }
}
