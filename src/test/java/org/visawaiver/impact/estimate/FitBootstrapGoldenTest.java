package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * {@code fit} with its default bootstrap on the wild-bootstrap reference panels
 * (src/test/resources/reference/wild-bootstrap/, R fwildclusterboot 0.13.0 and the reference's
 * plain-matrix implementation; Rademacher weights enumerated in full, so deterministic): the
 * numbers read back from the coefficients.csv that fit writes. Tolerances as WildBootstrapGoldenTest:
 * p-values exactly (multiples of 2^-G, and the floor 1/2^G where no draw exceeds), WCR interval
 * ends 1e-8 relative to the exact breakpoints, the PPML interval (one-step inversion) within 0.5%
 * of the reference interval's width (refit at every r).
 */
class FitBootstrapGoldenTest {
  private static final String DIR = "/reference/wild-bootstrap/";

  private static Map<String, CSVRecord> fit(Path out, String file, String formula,
      String estimator, String vcov) throws IOException {
    Path csv = Path.of(FitBootstrapGoldenTest.class.getResource(DIR + file).getPath());
    JobConfig config = JobConfig.load(null, false,
        List.of("estimate.drop-singletons=false", "estimate.irls-tol=1e-13"));
    PanelFit.run(SharedSpark.spark(), config, FitRequest.of(csv, formula, estimator, vcov, null),
        out);
    Map<String, CSVRecord> rows = new HashMap<>();
    try (Reader in = Files.newBufferedReader(out.resolve("estimates/coefficients.csv"))) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        rows.put(r.get("term"), r);
      }
    }
    return rows;
  }

  private static Map<String, Double> golden(String name) throws IOException {
    Map<String, Double> out = new HashMap<>();
    try (Reader in = new InputStreamReader(FitBootstrapGoldenTest.class.getResourceAsStream(
        DIR + "wcr_scorebs_golden.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        if (r.get("case").equals(name)) {
          out.put(r.get("key"), Double.parseDouble(r.get("value")));
        }
      }
    }
    return out;
  }

  private static double cell(CSVRecord r, String column) {
    return Double.parseDouble(r.get(column));
  }

  /** trade: OLS of log(Euros), 10 destination clusters, no draw beats |t|: p is the floor 1/1024. */
  @Test
  void tradeOlsWcrThroughFit(@TempDir Path out) throws IOException {
    CSVRecord r = fit(out, "wcr_trade_data.csv", "Euros ~ ldist | Origin + Product", "ols",
        "cluster(Destination)").get("ldist");
    Map<String, Double> g = golden("trade");
    assertEquals(0.0, g.get("own_p_WCR"));
    assertEquals(1.0 / 1024, cell(r, "boot_p_value"));
    assertEquals(g.get("own_ci_lower"), cell(r, "boot_ci_low"), 1e-8 * 3.56);
    assertEquals(g.get("own_ci_upper"), cell(r, "boot_ci_high"), 1e-8 * 1.35);
    assertEquals(g.get("coef"), cell(r, "estimate"), 1e-9);
    assertEquals("10", r.get("treated_clusters"));
  }

  /** fewtreated: PPML, 12 pair clusters of which 3 treated; exact restricted p (refit) 8/4096. */
  @Test
  void fewTreatedPpmlScoreBootstrapThroughFit(@TempDir Path out) throws IOException {
    CSVRecord r = fit(out, "fewtreated_panel_data.csv", "y ~ treat + x | pair + month", "ppml",
        "cluster(pair)").get("treat");
    Map<String, Double> g = golden("fewtreated");
    assertEquals(g.get("pois_scoreBS_p_rademacher_enum"), cell(r, "boot_p_value"));
    double width = g.get("pois_scoreBS_ci_upper") - g.get("pois_scoreBS_ci_lower");
    assertEquals(g.get("pois_scoreBS_ci_lower"), cell(r, "boot_ci_low"), 0.005 * width);
    assertEquals(g.get("pois_scoreBS_ci_upper"), cell(r, "boot_ci_high"), 0.005 * width);
    assertEquals(g.get("pois_coef"), cell(r, "estimate"), 1e-7);
    assertEquals("3", r.get("treated_clusters"));
  }
}
