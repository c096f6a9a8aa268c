package org.visawaiver.impact.estimate;

import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.result.RegimeContrast;
import org.visawaiver.impact.io.CsvTableWriter;

/**
 * Writes estimates/regime_contrasts.csv: for every model, compared destination and regime a
 * waiver replaces, {@code b_waiver:D - b_<regime>_share} with its standard error from the model's
 * covariance ({@link RegimeContrast}) and the model's 95% interval (normal for PPML, t for OLS).
 * A contrast the model cannot identify (no such slope, or the regime's share term missing or
 * dropped as collinear) has no row.
 */
public final class RegimeContrastsWriter {
  public static final List<String> COLUMNS = List.of("model", "destination", "from_regime", "estimate",
      "std_error", "ci_low", "ci_high", "effect_pct");

  private RegimeContrastsWriter() {}

  public static void write(Path dir, List<FitResult> fits, List<String> compare) {
    List<List<String>> rows = new ArrayList<>();
    for (FitResult f : fits) {
      double critical = f.critical();
      for (String destination : compare) {
        for (String regime : RegimeContrast.FROM_REGIMES) {
          Optional<RegimeContrast> c = RegimeContrast.of(f.toModelResult(), destination,
              WaiverTerms.of(destination), regime);
          c.ifPresent(x -> rows.add(List.of(text(f.model()), text(destination), text(regime), exact(x.estimate()),
              exact(x.stdError()), exact(x.ciLow(critical)), exact(x.ciHigh(critical)), exact(x.effectPct()))));
        }
      }
    }
    CsvTableWriter.write(dir.resolve("regime_contrasts.csv"), COLUMNS, rows);
  }
}
