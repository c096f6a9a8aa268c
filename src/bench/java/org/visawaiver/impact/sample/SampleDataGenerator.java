package org.visawaiver.impact.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * Writes the sample inputs: {@code arrivals.csv} (synthetic, seeded), {@code visa_policy.csv} and
 * {@code advisories.csv} (real events with their sources plus labelled synthetic rows) and
 * {@code sample_truth.csv} (the effects built into the synthetic arrivals). The same seed gives the
 * same files, byte for byte. {@code tourism_parameters.csv} is not written here.
 */
public final class SampleDataGenerator {
  public static final long DEFAULT_SEED = 20050101L;
  static final String ARRIVALS_SOURCE = "synthetic";

  /** Rows appended on purpose to show rejects at work (documented in notebooks-data/README.md). */
  static final List<List<String>> MALFORMED_ROWS = List.of(
      List.of("KHM", "KOR", "2019-13", "100", "malformed on purpose: month 13"),
      List.of("KHM", "KOR", "2019-01", "-5", "malformed on purpose: negative arrivals"),
      List.of("KHM", "Kor", "2019-02", "10", "malformed on purpose: lower-case code"),
      List.of("KHM", "KOR", "2019-03", "12.5", "malformed on purpose: not an integer"),
      List.of("KHM", "KOR", "2019-04", "1", "malformed on purpose: duplicate key"));

  /** What was written. */
  public record Summary(int arrivalsRows, int policyRows, int advisoryRows) {}

  private SampleDataGenerator() {}

  public static Summary generate(Path dir, long seed) {
    return generate(dir, seed, true);
  }

  /**
   * As above; {@code calibrated = false} leaves out the calibration to published figures, so that
   * the default model holds exactly (a world for size and coverage studies).
   */
  public static Summary generate(Path dir, long seed, boolean calibrated) {
    List<PolicyEvent> policy = PolicyHistory.build();
    List<AdvisoryEvent> advisories = AdvisoryHistory.build();
    TrueEffects truth = TrueEffects.DEFAULT;
    CalibrationTargets targets = calibrated ? CalibrationTargets.load() : CalibrationTargets.none();
    List<ArrivalsSimulator.Series> series = ArrivalsSimulator.simulate(seed, policy, advisories, truth, targets);
    List<YearMonth> months = ArrivalsSimulator.months();

    List<List<String>> arrivals = new ArrayList<>();
    for (ArrivalsSimulator.Series s : series) {
      Map<Integer, CalibrationTargets.Target> published = targets.of(s.destination(), s.origin());
      for (int t = 0; t < months.size(); t++) {
        Long n = s.arrivals()[t];
        CalibrationTargets.Target target = published.get(months.get(t).getYear());
        arrivals.add(List.of(s.destination(), s.origin(), months.get(t).toString(),
            n == null ? "" : Long.toString(n), target == null ? ARRIVALS_SOURCE : SpreadsheetCells.text(calibrated(target))));
      }
    }
    int clean = arrivals.size();
    arrivals.addAll(MALFORMED_ROWS);
    CsvTableWriter.write(dir.resolve("arrivals.csv"), List.of("destination", "origin", "month", "arrivals", "source"),
        arrivals);

    CsvTableWriter.write(dir.resolve("visa_policy.csv"),
        List.of("destination", "origin", "regime", "effective_from", "effective_to", "max_stay_days", "fee_usd", "source"),
        policy.stream().map(p -> List.of(p.destination(), p.origin(), p.regime(), p.from().toString(), date(p.to()),
            p.stayDays() == null ? "" : p.stayDays().toString(),
            p.feeUsd() == null ? "" : SpreadsheetCells.exact(p.feeUsd()), SpreadsheetCells.text(p.source()))).toList());

    CsvTableWriter.write(dir.resolve("advisories.csv"),
        List.of("issuer", "destination", "level", "effective_from", "effective_to", "region", "source"),
        advisories.stream().map(a -> List.of(a.issuer(), a.destination(), SpreadsheetCells.exact(a.level()),
            a.from().toString(), date(a.to()), a.region() == null ? "" : SpreadsheetCells.text(a.region()),
            SpreadsheetCells.text(a.source()))).toList());

    List<List<String>> truthRows = new ArrayList<>();
    for (Map.Entry<String, String[]> e : truth.table().entrySet()) {
      truthRows.add(List.of(e.getKey(), e.getValue()[0], SpreadsheetCells.text(e.getValue()[1])));
    }
    truthRows.add(List.of("seed", Long.toString(seed), "seed of the generator (scripts/waiver-impact generate-sample)"));
    CsvTableWriter.write(dir.resolve("sample_truth.csv"), List.of("term", "value", "meaning"), truthRows);
    return new Summary(clean + MALFORMED_ROWS.size(), policy.size(), advisories.size());
  }

  /** The source cell of a month in a published year: the month is synthetic, the year's sum is not. */
  static String calibrated(CalibrationTargets.Target t) {
    return ARRIVALS_SOURCE + " month; " + t.year() + " total calibrated to " + t.arrivals() + " (" + t.source() + ")";
  }

  private static String date(LocalDate d) {
    return d == null ? "" : d.toString();
  }
}
