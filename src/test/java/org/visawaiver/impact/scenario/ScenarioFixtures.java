package org.visawaiver.impact.scenario;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.ScenarioSettings.BaselineShocks;
import org.visawaiver.impact.scenario.draws.Triangular;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;

/** Small hand-made inputs for the scenario tests. */
final class ScenarioFixtures {
  static final List<String> TERMS =
      List.of("waiver:VNM", "waiver:THA", "waiver:LAO", "waiver:other", "stay_log", "advisory_level");
  static final List<String> POOLED = List.of("VNM", "THA", "LAO");

  /** The typed columns of tourism_parameters.csv as validation hands them over. */
  static final StructType PARAMETER_SCHEMA =
      new StructType()
          .add("destination", DataTypes.StringType)
          .add("origin", DataTypes.StringType)
          .add("spend_per_arrival_usd", DataTypes.DoubleType)
          .add("visa_fee_usd", DataTypes.DoubleType)
          .add("jobs_per_musd", DataTypes.DoubleType)
          .add("employment_multiplier", DataTypes.DoubleType)
          .add("tax_share", DataTypes.DoubleType)
          .add("source", DataTypes.StringType);

  /** The message for origin NZL of scenario nz, which has no tourism parameters. */
  static final String NZL_WITHOUT_PARAMETERS =
      "tourism_parameters.csv: no row for destination KHM and origin NZL, which scenario nz needs; add one"
          + " (spend_per_arrival_usd, visa_fee_usd, jobs_per_musd with sources) or remove NZL from the"
          + " scenario; no scenarios were projected";

  private ScenarioFixtures() {}

  /** A model with the given coefficients and a diagonal covariance of the given variances. */
  static ModelResult model(double[] b, double[] variances) {
    double[][] v = new double[b.length][b.length];
    for (int i = 0; i < b.length; i++) {
      v[i][i] = variances[i];
    }
    return new ModelResult("ppml", TERMS, b, v);
  }

  /** waiver VNM 0.3, THA 0.2, LAO 0.4, other 0.1, stay 0.5, advisory -0.2; SEs 0.1, 0.2, 0.2, ... */
  static ModelResult model() {
    double[] b = {0.3, 0.2, 0.4, 0.1, 0.5, -0.2};
    double[][] v = new double[6][6];
    double[] se = {0.1, 0.2, 0.2, 0.1, 0.15, 0.05};
    for (int i = 0; i < 6; i++) {
      v[i][i] = se[i] * se[i];
    }
    v[0][4] = v[4][0] = 0.3 * se[0] * se[4]; // correlated waiver and stay estimates
    v[1][2] = v[2][1] = -0.2 * se[1] * se[2];
    return new ModelResult("ppml", TERMS, b, v);
  }

  static TourismParameters params(String origin, double spend, double fee, double jobs, double mult, double tax) {
    return new TourismParameters("KHM", origin, spend, fee, jobs, mult, tax, "test");
  }

  static TourismParameterTable table() {
    return new TourismParameterTable(
        List.of(
            params("KOR", 673.0, 30.0, 118.6, 1.5, 0.1),
            params("USA", 1134.2, 30.0, 118.6, 1.5, 0.1),
            params("JPN", 880.1, 25.0, 100.0, 1.0, 0.0)));
  }

  /**
   * The table with ranges: spend +-25 % (KOR 500-673-850), jobs 100-118.6-140, multiplier 1.2-1.5-2.0,
   * tax 0.05-0.1-0.15 (USA likewise around its values); JPN fixed.
   */
  static TourismParameterTable rangedTable() {
    return new TourismParameterTable(
        List.of(
            ranged(params("KOR", 673.0, 30.0, 118.6, 1.5, 0.1), 500, 850),
            ranged(params("USA", 1134.2, 30.0, 118.6, 1.5, 0.1), 850, 1400),
            params("JPN", 880.1, 25.0, 100.0, 1.0, 0.0)));
  }

  static TourismParameters ranged(TourismParameters p, double spendLow, double spendHigh) {
    Map<UncertainParameter, Triangular> r = new java.util.EnumMap<>(UncertainParameter.class);
    r.put(UncertainParameter.SPEND, new Triangular(spendLow, p.spendPerArrivalUsd(), spendHigh));
    r.put(UncertainParameter.JOBS, new Triangular(100, p.jobsPerMusd(), 140));
    r.put(UncertainParameter.MULTIPLIER, new Triangular(1.2, p.employmentMultiplier(), 2.0));
    r.put(UncertainParameter.TAX, new Triangular(0.05, p.taxShare(), 0.15));
    return new TourismParameters(p.destination(), p.origin(), p.spendPerArrivalUsd(), p.visaFeeUsd(), p.jobsPerMusd(),
        p.employmentMultiplier(), p.taxShare(), p.source(), r);
  }

  static BaselineForecast flat(YearMonth start, int horizon, double mean, double logSd) {
    double[] m = new double[horizon];
    double[] s = new double[horizon];
    Arrays.fill(m, mean);
    Arrays.fill(s, logSd);
    return new BaselineForecast("test_flat", start, m, s);
  }

  /** A seasonal baseline whose log sd grows with the horizon. */
  static BaselineForecast seasonal(YearMonth start, int horizon, double level) {
    double[] m = new double[horizon];
    double[] s = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      m[h] = level * (1 + 0.3 * Math.sin(2 * Math.PI * (start.getMonthValue() - 1 + h) / 12.0)) + 0.37 * h;
      s[h] = 0.05 + 0.01 * h;
    }
    return new BaselineForecast("test_seasonal", start, m, s);
  }

  static ScenarioSpec spec(String name, List<String> origins, EffectSource effect, int ramp, int horizon, int draws, long seed) {
    return new ScenarioSpec(name, "KHM", origins, YearMonth.of(2027, 7), 30, effect, ramp, horizon, draws, seed);
  }

  static Map<String, BaselineForecast> baselines(ScenarioSpec spec) {
    Map<String, BaselineForecast> m = new LinkedHashMap<>();
    double level = 10_000;
    for (String o : spec.origins()) {
      m.put(o, seasonal(spec.startMonth(), spec.horizonMonths(), level));
      level *= 1.7;
    }
    return m;
  }

  static ScenarioProjector.Projection project(ScenarioSpec spec, ModelResult model) {
    return ScenarioProjector.project(spec, baselines(spec), model, table(), POOLED, BaselineShocks.PERSISTENT);
  }
}
