package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * Every case of src/test/resources/reference/fixest-trade/expected.csv (R fixest 0.14.2, R 4.2.2,
 * default settings; calls in the file). Tolerances, relative: OLS coefficients and standard errors
 * 1e-8; Poisson coefficients 1e-6 and standard errors 1e-4 (fixest stops its own iterations at
 * fixef.tol 1e-6 and glm.tol 1e-8, so Poisson agreement is bounded by fixest's accuracy).
 */
class FixestTradeGoldenTest {
  static final double OLS_COEF_TOL = 1e-8;
  static final double OLS_SE_TOL = 1e-8;
  static final double POIS_COEF_TOL = 1e-6;
  static final double POIS_SE_TOL = 1e-4;

  static final String POIS = "Euros ~ log(dist_km) | Origin + Destination + Product + Year";
  static final String SLOPES =
      "Euros ~ log(dist_km) + i(Year, log(dist_km), ref=2007) | Origin + Destination + Product + Year";

  /** fixest vcov of each case, as our grammar writes it. */
  static final Map<String, String> VCOV = Map.of(
      "iid", "iid", "hetero", "hetero", "cl_origin", "cluster(Origin)",
      "cl_product", "cluster(Product)", "cl_2way", "cluster(Origin, Destination)",
      "cl_pair", "cluster(Origin^Destination)");

  /** executor -> case -> result: every case is fitted on both executors. */
  static final Map<String, Map<String, FitResult>> RESULTS = new LinkedHashMap<>();

  @BeforeAll
  static void fitAll() {
    Dataset<Row> trade = EstimationFixtures.resource("/reference/fixest-trade/trade.csv").cache();
    for (String executor : EstimationFixtures.EXECUTORS) {
      EstimationSettings settings =
          EstimationFixtures.settings(List.of("estimate.executor=" + executor));
      Map<String, FitResult> results = new LinkedHashMap<>();
      fitCases(trade, settings, results, "pois", "ppml", POIS,
          List.of("iid", "hetero", "cl_origin", "cl_product", "cl_2way", "cl_pair"));
      fitCases(trade, settings, results, "ols", "ols", POIS,
          List.of("iid", "hetero", "cl_origin", "cl_2way"));
      fitCases(trade, settings, results, "pois_yearslopes", "ppml", SLOPES, List.of("cl_origin"));
      RESULTS.put(executor, results);
    }
    trade.unpersist();
  }

  private static void fitCases(Dataset<Row> data, EstimationSettings settings,
      Map<String, FitResult> results, String prefix, String estimator, String formula,
      List<String> vcovs) {
    List<VcovSpec> specs = new ArrayList<>();
    for (String v : vcovs) {
      specs.add(FormulaParser.parseVcov(VCOV.get(v), "test"));
    }
    ModelSpec spec = ModelSpec.of(prefix, estimator, formula, "iid");
    List<FitResult> fits = ModelFitter.fit(data, spec, settings, specs);
    for (int i = 0; i < vcovs.size(); i++) {
      results.put(prefix + "_" + vcovs.get(i), fits.get(i));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesFixest() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Reader in = new InputStreamReader(
        getClass().getResourceAsStream("/reference/fixest-trade/expected.csv"),
        StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        String name = r.get("case");
        String term = r.get("term");
        double est = Double.parseDouble(r.get("estimate"));
        double se = Double.parseDouble(r.get("std_error"));
        long nobs = Long.parseLong(r.get("nobs"));
        boolean ols = name.startsWith("ols");
        for (String executor : EstimationFixtures.EXECUTORS) {
          tests.add(DynamicTest.dynamicTest(executor + ": " + name + " " + term, () -> {
            FitResult fit = RESULTS.get(executor).get(name);
            assertEquals(nobs, fit.observations(), name + " nobs");
            double ce = EstimationFixtures.relative(est, fit.coefficient(term));
            double sr = EstimationFixtures.relative(se, fit.stdError(term));
            System.out.printf("%s %s coef rel err %.2e, se rel err %.2e%n", name, term, ce, sr);
            assertTrue(ce <= (ols ? OLS_COEF_TOL : POIS_COEF_TOL),
                name + " " + term + ": coefficient " + fit.coefficient(term) + " vs fixest " + est);
            assertTrue(sr <= (ols ? OLS_SE_TOL : POIS_SE_TOL),
                name + " " + term + ": SE " + fit.stdError(term) + " vs fixest " + se);
          }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> bothExecutorsGiveTheSameNumbers() {
    return RESULTS.get("spark").keySet().stream().map(name -> DynamicTest.dynamicTest(name,
        () -> EstimationFixtures.assertSameFit(RESULTS.get("spark").get(name),
            RESULTS.get("local").get(name))));
  }
}
