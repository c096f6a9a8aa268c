package org.visawaiver.impact.estimate.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The published example of Stata's ppml_fe_bias (src/test/resources/reference/ppml-fe-bias/, see
 * the README there): three-way bias and adjusted SE of fta, two-way adjusted SEs of six terms, to
 * the relative tolerance stored beside them (1e-4; the reference prints 7 decimals). The PPML
 * estimates and ppmlhdfe's pair-clustered SEs (G/(G - 1) only) are checked too.
 */
public class WeidnerZylkinGoldenTest {
  public static final String DATA = "/reference/ppml-fe-bias/trade_manuf_65countries.csv";
  public static final String THREE_WAY =
      "trade ~ fta | isoimp^year + isoexp^year + isoimp^isoexp";
  public static final String TWO_WAY = "trade ~ ln_distw + contig + colony + comlang_off + comleg + fta"
      + " | isoimp^year + isoexp^year";
  static final List<String> GRAVITY = List.of("isoexp", "isoimp", "year");

  /**
   * Relative distance allowed between the approximate and the exact adjusted SE (measured 2.2%,
   * the approximation larger).
   */
  static final double APPROXIMATION_TOL = 0.03;
  /**
   * The same for the leave-one-pair-out jackknife SE with the fixed effects' leverage (measured
   * +11.5%, the approximation larger).
   */
  static final double JACKKNIFE_APPROXIMATION_TOL = 0.15;

  private static Dataset<Row> data;

  @BeforeAll
  static void load() {
    data = SharedSpark.spark().read().option("header", "true").option("inferSchema", "true")
        .csv(WeidnerZylkinGoldenTest.class.getResource(DATA).getPath()).cache();
  }

  @AfterAll
  static void release() {
    data.unpersist();
  }

  public static List<CSVRecord> expected(String model) throws Exception {
    List<CSVRecord> out = new ArrayList<>();
    try (Reader in = new InputStreamReader(
        WeidnerZylkinGoldenTest.class.getResourceAsStream(
            "/reference/ppml-fe-bias/expected.csv"), StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        if (r.get("model").equals(model)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static FitResult fit(String name, String formula, List<String> gravity,
      String executor) {
    ModelSpec spec = ModelSpec.of(name, "ppml", formula, "cluster(isoimp^isoexp)", gravity);
    EstimationSettings settings = EstimationSettings.from(JobConfig.load(null, false,
        List.of("estimate.executor=" + executor)).section("estimate")).withModels(List.of(spec));
    return ModelFitter.fit(data, spec, settings);
  }

  /** Checks one reference row against a fit; the relative tolerance is the row's. */
  static void assertMatches(CSVRecord r, FitResult f) {
    String term = r.get("term");
    int i = f.terms().indexOf(term);
    double tol = Double.parseDouble(r.get("tolerance"));
    assertClose(Double.parseDouble(r.get("estimate")), f.coefficient(term), 1e-6, term + " estimate");
    assertClose(Double.parseDouble(r.get("adjusted_se")), f.stdErrorBc(i), tol, term + " adjusted SE");
    assertClose(Double.parseDouble(r.get("se_fixest_default")), f.stdError(term), tol,
        term + " fixest SE");
    if (!r.get("bias").isEmpty()) {
      assertClose(Double.parseDouble(r.get("bias")), f.bias(i), tol, term + " bias");
      assertClose(Double.parseDouble(r.get("bias_corrected")), f.estimateBc(i), tol,
          term + " bias-corrected estimate");
    } else {
      assertTrue(Double.isNaN(f.bias(i)), term + ": a two-way model has no bias term");
      assertEquals(f.coefficient(term), f.estimateBc(i), 0, term + " estimate_bc");
    }
  }

  public static void assertClose(double expected, double actual, double rel, String what) {
    double err = Math.abs(actual - expected) / Math.abs(expected);
    System.out.printf("%s: %.8f vs reference %.8f (relative error %.2e)%n", what, actual,
        expected, err);
    assertTrue(err <= rel, what + ": " + actual + " vs reference " + expected);
  }

  @ParameterizedTest(name = "executor {0}")
  @ValueSource(strings = {"local", "spark"})
  void threeWayBiasAndAdjustedStandardError(String executor) throws Exception {
    FitResult f = fit("threeway", THREE_WAY, GRAVITY, executor);
    for (CSVRecord r : expected("threeway")) {
      assertMatches(r, f);
    }
  }

  /** The pair blocks regrouped in driver memory give Spark's shuffle's numbers to 1e-12. */
  @Test
  void bothExecutorsGiveTheSameCorrections() {
    FitResult spark = fit("threeway", THREE_WAY, GRAVITY, "spark");
    FitResult local = fit("threeway", THREE_WAY, GRAVITY, "local");
    for (int i = 0; i < spark.terms().size(); i++) {
      assertEquals(spark.bias(i), local.bias(i), 1e-12 * Math.abs(spark.bias(i)), "bias " + i);
      assertEquals(spark.stdErrorBc(i), local.stdErrorBc(i), 1e-12 * spark.stdErrorBc(i),
          "adjusted SE " + i);
    }
  }

  /**
   * ppml_fe_bias's approximation of the fixed effects' leverage (used above 1,500 time-varying
   * fixed effects) forced on the example, against the exact computation: the bias does not use
   * it (equal to 1e-12) and the adjusted SE moves by the approximation's error.
   */
  @Test
  void approximationAgreesWithTheExactLeverage() {
    ModelSpec spec = ModelSpec.of("threeway", "ppml", THREE_WAY, "cluster(isoimp^isoexp)", GRAVITY);
    EstimationSettings settings = EstimationSettings.from(
        JobConfig.load(null, false, List.of()).section("estimate")).withModels(List.of(spec));
    List<org.visawaiver.impact.estimate.spec.VcovSpec> vcovs = new ArrayList<>(List.of(spec.vcov()));
    for (String c : GRAVITY) {
      vcovs.add(new org.visawaiver.impact.estimate.spec.VcovSpec.Cluster(
          List.of(org.visawaiver.impact.estimate.spec.FixedEffect.of(c))));
    }
    org.visawaiver.impact.estimate.frame.ModelFrame frame =
        ModelFitter.prepare(data, spec, settings, vcovs);
    org.visawaiver.impact.estimate.ols.WeightedFit fit =
        org.visawaiver.impact.estimate.ppml.PoissonIrls.fit(frame, settings, spec.name());
    List<String> notes = new ArrayList<>();
    GravityCorrection exact =
        WeidnerZylkin.compute(frame, fit, spec.gravity().orElseThrow(), notes).orElseThrow();
    GravityCorrection approx =
        WeidnerZylkin.compute(frame, fit, spec.gravity().orElseThrow(), notes, 0).orElseThrow();
    assertTrue(notes.get(0).startsWith("Weidner-Zylkin variance: ppml_fe_bias's approximation"),
        notes.toString());
    assertEquals(exact.bias()[0], approx.bias()[0], 1e-12);
    assertClose(exact.stdError(0), approx.stdError(0), APPROXIMATION_TOL,
        "approximate adjusted SE against the exact one");
    // the leave-one-pair-out jackknife with either leverage (measured 0.0609817 and 0.0679811)
    assertClose(exact.jackknifeStdError(0), approx.jackknifeStdError(0),
        JACKKNIFE_APPROXIMATION_TOL, "jackknife SE with the approximate leverage against the exact one");
    fit.blocks().release();
    frame.blocks().release();
  }

  @ParameterizedTest(name = "executor {0}")
  @ValueSource(strings = {"local", "spark"})
  void twoWayAdjustedStandardErrors(String executor) throws Exception {
    FitResult f = fit("twoway", TWO_WAY, GRAVITY, executor);
    List<CSVRecord> rows = expected("twoway");
    assertEquals(6, rows.size());
    for (CSVRecord r : rows) {
      assertMatches(r, f);
    }
  }
}
