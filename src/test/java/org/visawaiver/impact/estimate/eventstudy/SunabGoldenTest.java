package org.visawaiver.impact.estimate.eventstudy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation.BinEstimate;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The event-study machinery against R fixest 0.14.2's {@code sunab()} on fixest's
 * {@code base_stagg} (src/test/resources/reference/sunab/, R calls in 20_sunab_golden.R):
 * {@code y ~ x1 + sunab(year_treated, year) | id + year} by OLS and
 * {@code ypois ~ x1 + sunab(...) | id + year} by Poisson, IID and clustered by id; every cell
 * coefficient, every per-period aggregate and the ATT, and the aggregation weights (n per cell).
 *
 * <p>The design runs as on the panel: the cohort is each id's first year with {@code post =
 * [year >= year_treated]} > 0 (ids with year_treated = 10000 never switch), bins of one year,
 * leads 9 and lags 8 (the data's range, so no end bin). OLS models log(outcome), so the outcome
 * is exp(y) (log(exp(y)) = y to an ulp).
 *
 * <p>Tolerances (absolute, times max(1, |value|)): OLS coefficients 1e-8 and SEs 1e-6; Poisson
 * coefficients 1e-6 and SEs 1e-4 (fixest's fixef.tol 1e-6 bounds its SEs).
 */
class SunabGoldenTest {
  static final double OLS_COEF_TOL = 1e-8;
  static final double OLS_SE_TOL = 1e-6;
  static final double POIS_COEF_TOL = 1e-6;
  static final double POIS_SE_TOL = 1e-4;
  static final String DIR = "/reference/sunab/";

  /** The executors every case runs on (estimate.executor). */
  static final List<String> EXECUTORS = List.of("local", "spark");
  /** executor:model/vcov -> result. */
  static final Map<String, EventStudy.Result> RESULTS = new HashMap<>();
  /** Largest error seen per model and kind, printed at the end (the numbers docs/ quote). */
  static final Map<String, Double> WORST = new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeAll
  static void fitAll() {
    Dataset<Row> data = SharedSpark.spark().read().option("header", "true")
        .option("inferSchema", "true")
        .csv(SunabGoldenTest.class.getResource(DIR + "sunab_base_stagg_data.csv").getPath())
        .withColumn("post", when(col("year").geq(col("year_treated")), 1.0).otherwise(0.0))
        .withColumn("grp", lit("all"))
        .withColumn("ey", exp(col("y")))
        .cache();
    EventColumns columns = new EventColumns("post", "grp", FixedEffect.of("id"), "year");
    List<String> vcovNames = List.of("default", "cluster_id");
    List<VcovSpec> vcovs = List.of(new VcovSpec.Iid(),
        FormulaParser.parseVcov("cluster(id)", "test"));
    Map<String, String[]> models = Map.of("feols", new String[] {"ols", "ey ~ x1 | id + year"},
        "fepois", new String[] {"ppml", "ypois ~ x1 | id + year"});
    for (String executor : EXECUTORS) {
      EstimationSettings settings = EstimationSettings.from(JobConfig.load(null, false, List.of(
          "estimate.event-study.leads=9", "estimate.event-study.lags=8",
          "estimate.event-study.bin-width=1", "estimate.irls-tol=1e-12",
          "estimate.executor=" + executor)).section("estimate"));
      for (var m : models.entrySet()) {
        ModelSpec base = ModelSpec.of(m.getKey(), m.getValue()[0], m.getValue()[1], "iid");
        List<EventStudy.Result> r =
            EventStudy.run(data, columns, settings, base, List.of("all"), vcovs);
        for (int i = 0; i < vcovs.size(); i++) {
          RESULTS.put(executor + ":" + m.getKey() + "/" + vcovNames.get(i), r.get(i));
        }
      }
    }
    data.unpersist();
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenNumberMatches() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (CSVRecord r : read("sunab_golden.csv")) {
      String table = r.get("table");
      if (table.equals("cohort")) {
        continue; // the cohort aggregation is not part of the design
      }
      String key = r.get("model") + "/" + r.get("vcov");
      String term = r.get("term");
      double est = Double.parseDouble(r.get("estimate"));
      double se = Double.parseDouble(r.get("se"));
      boolean ols = r.get("model").equals("feols");
      for (String executor : EXECUTORS) {
        String run = executor + ":" + key;
        tests.add(DynamicTest.dynamicTest(run + " " + table + " " + term, () -> {
          EventStudy.Result res = RESULTS.get(run);
          double[] got = ours(res, table, term);
          WORST.merge(run + " estimate", assertClose(est, got[0],
              ols ? OLS_COEF_TOL : POIS_COEF_TOL, run + " " + term + " estimate"), Math::max);
          WORST.merge(run + " SE", assertClose(se, got[1], ols ? OLS_SE_TOL : POIS_SE_TOL,
              run + " " + term + " SE"), Math::max);
        }));
      }
    }
    return tests.stream();
  }

  /** Our estimate and SE of a golden row. */
  private static double[] ours(EventStudy.Result res, String table, String term) {
    if (term.equals("x1")) {
      return new double[] {res.fit().coefficient("x1"), res.fit().stdError("x1")};
    }
    if (term.equals("ATT")) {
      var att = res.aggregates().att();
      return new double[] {att.estimate(), att.stdError()};
    }
    if (table.equals("period")) {
      String bin = term.substring("year::".length());
      BinEstimate b = res.aggregates().bins().stream().filter(x -> x.bin().name().equals(bin))
          .findFirst().orElseThrow();
      return new double[] {b.estimate(), b.stdError()};
    }
    // year::-9:cohort::10 is the cell (cohort 10, bin -9)
    String[] parts = term.split(":cohort::");
    String cell = EventStudy.term(parts[1] + CohortDesign.SEPARATOR
        + parts[0].substring("year::".length()));
    return new double[] {res.fit().coefficient(cell), res.fit().stdError(cell)};
  }

  @Test
  void cellWeightsAreFixestsCounts() throws Exception {
    Map<String, Long> expected = new HashMap<>();
    for (CSVRecord r : read("sunab_weights.csv")) {
      expected.put(EventStudy.term(r.get("cohort") + CohortDesign.SEPARATOR + r.get("rel_period")),
          Long.parseLong(r.get("n_obs")));
    }
    for (EventStudy.Result res : RESULTS.values()) {
      Map<String, Long> got = new HashMap<>();
      res.cells().forEach(c -> got.put(c.term(), c.observations()));
      assertEquals(expected, got, res.fit().model());
      assertEquals(45, res.treatedUnits());
      assertEquals(9, res.cohorts());
      assertEquals(0, res.alwaysTreated());
    }
  }

  @AfterAll
  static void report() {
    WORST.forEach((k, v) -> System.out.printf("sunab golden, largest error of %s: %.1e%n", k, v));
  }

  private static double assertClose(double expected, double actual, double tol, String what) {
    double err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
    assertTrue(err <= tol, what + ": " + actual + " vs fixest " + expected + " (error " + err
        + ", tolerance " + tol + ")");
    return err;
  }

  private static List<CSVRecord> read(String file) throws Exception {
    try (Reader in = new InputStreamReader(
        SunabGoldenTest.class.getResourceAsStream(DIR + file), StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)
          .getRecords();
    }
  }
}
