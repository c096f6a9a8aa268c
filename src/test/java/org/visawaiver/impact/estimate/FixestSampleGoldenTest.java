package org.visawaiver.impact.estimate;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
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
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.estimate.frame.ObservationFilter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The configured default models (ppml and ols, contract v2 formula, clustered by
 * origin^destination) on the frozen sample panel src/test/resources/fixest-sample/panel.csv.gz,
 * fitted through {@link EstimationStep#fitAll} with the built-in settings (as {@code estimate}),
 * against R fixest 0.14.2 on the same file (expected.csv, made by fit-fixest.R; README.md there).
 * The reference rows are fixest's tight convergence (fixef.tol and glm.tol 1e-11) with its default
 * fixef.rm = "perfect_fit", which drops singletons as our default estimate.drop-singletons = true
 * (the panel has none, so fixest's keep/drop rows are equal too). Tolerances, relative, those of
 * {@link FixestTradeGoldenTest}: OLS coefficients and standard errors 1e-8; Poisson coefficients
 * 1e-6 and standard errors 1e-4.
 */
class FixestSampleGoldenTest {
  static final String DIR = "/fixest-sample/";
  static final String CONVERGENCE = "tight";
  static final String SINGLETONS = "drop";

  static final Map<String, FitResult> FITS = new LinkedHashMap<>();

  @BeforeAll
  static void fitDefaultModels() {
    StructType schema = new StructType()
        .add(PanelColumns.DESTINATION, StringType).add(PanelColumns.ORIGIN, StringType)
        .add(PanelColumns.MONTH, StringType).add(PanelColumns.ARRIVALS, LongType)
        .add(PanelColumns.WAIVER_SHARE, DoubleType).add(PanelColumns.STAY_LOG, DoubleType)
        .add(PanelColumns.EVISA_SHARE, DoubleType).add(PanelColumns.VOA_SHARE, DoubleType)
        .add(PanelColumns.ADVISORY_NATIONAL_LEVEL, DoubleType)
        .add(PanelColumns.ADVISORY_REGIONAL_LEVEL, DoubleType);
    String file = FixestSampleGoldenTest.class.getResource(DIR + "panel.csv.gz").getPath();
    Dataset<Row> panel = SharedSpark.spark().read().option("header", "true").schema(schema)
        .csv(file).cache();
    EstimationSettings settings = EstimationFixtures.settings();
    assertTrue(settings.dropSingletons(), "the built-in default drops singletons");
    for (FitResult fit : EstimationStep.fitAll(panel, settings)) {
      FITS.put(fit.model(), fit);
    }
    panel.unpersist();
  }

  @TestFactory
  Stream<DynamicTest> defaultModelsMatchFixest() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Reader in = new InputStreamReader(
        FixestSampleGoldenTest.class.getResourceAsStream(DIR + "expected.csv"),
        StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        if (!r.get("convergence").equals(CONVERGENCE) || !r.get("singletons").equals(SINGLETONS)) {
          continue;
        }
        String model = r.get("model");
        String term = r.get("term");
        double est = Double.parseDouble(r.get("estimate"));
        double se = Double.parseDouble(r.get("std_error"));
        long nobs = Long.parseLong(r.get("nobs"));
        boolean ols = model.equals("ols");
        double coefTol = ols ? FixestTradeGoldenTest.OLS_COEF_TOL : FixestTradeGoldenTest.POIS_COEF_TOL;
        double seTol = ols ? FixestTradeGoldenTest.OLS_SE_TOL : FixestTradeGoldenTest.POIS_SE_TOL;
        tests.add(DynamicTest.dynamicTest(model + " " + term, () -> {
          FitResult fit = FITS.get(model);
          assertEquals(nobs, fit.observations(), model + " observations");
          assertEquals(0L, fit.dropped().getOrDefault(ObservationFilter.SINGLETONS, 0L),
              model + " singletons dropped");
          double ce = EstimationFixtures.relative(est, fit.coefficient(term));
          double sr = EstimationFixtures.relative(se, fit.stdError(term));
          System.out.printf("sample %s %s coef rel err %.2e, se rel err %.2e%n", model, term, ce, sr);
          assertTrue(ce <= coefTol,
              model + " " + term + ": coefficient " + fit.coefficient(term) + " vs fixest " + est);
          assertTrue(sr <= seTol,
              model + " " + term + ": SE " + fit.stdError(term) + " vs fixest " + se);
        }));
      }
    }
    assertEquals(18, tests.size(), "9 terms x 2 models in expected.csv");
    return tests.stream();
  }
}
