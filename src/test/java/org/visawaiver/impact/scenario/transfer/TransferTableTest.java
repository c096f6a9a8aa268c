package org.visawaiver.impact.scenario.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.result.ModelResult;

class TransferTableTest {
  private static final List<String> DESTINATIONS = List.of("VNM", "THA", "LAO");

  /** The hand-computed sample of RandomEffectsSummaryTest, plus a voa_share term correlated with VNM. */
  static ModelResult model() {
    List<String> terms = List.of("waiver:VNM", "waiver:THA", "waiver:LAO", "stay_log", "voa_share");
    double[] b = {0.188, 0.441, 0.505, 0.12, -0.10};
    double[][] v = new double[5][5];
    double[] se = {0.024, 0.016, 0.019, 0.016, 0.03};
    for (int i = 0; i < 5; i++) {
      v[i][i] = se[i] * se[i];
    }
    v[0][4] = v[4][0] = 0.5 * se[0] * se[4];
    return new ModelResult("ppml", terms, b, v);
  }

  @Test
  void rowsEqualTheHandComputation() {
    List<List<String>> rows = TransferTable.rows(List.of(model()), DESTINATIONS);
    assertEquals(2, rows.size()); // visa_required and visa_on_arrival (the model has no evisa_share)
    List<String> r = rows.get(0);
    assertEquals(TransferTable.COLUMNS.size(), r.size());
    assertEquals("ppml", cell(r, "model"));
    assertEquals("visa_required", cell(r, "from_regime"));
    assertEquals("VNM THA LAO", cell(r, "destinations"));
    assertEquals(0.37873335234539, num(r, "mu"), 1e-12);
    assertEquals(0.0846099309884988, num(r, "se_mu"), 1e-12);
    assertEquals(0.021079678541492033, num(r, "tau2"), 1e-12);
    assertEquals(98.25046737530589, num(r, "i2_pct"), 1e-9);
    assertEquals(114.31624490853224, num(r, "q"), 1e-9);
    assertEquals("2", cell(r, "q_df"));
    assertEquals("1.502E-25", cell(r, "q_p_value"));
    // the waiver terms are uncorrelated here: predictive sd = sqrt(se_mu^2 + tau2)
    assertEquals(0.1680432056447703, num(r, "predictive_sd"), 1e-12);
    assertEquals(0.16337731907220135, num(r, "predictive_p10"), 1e-9);
    assertEquals(0.37873335234539, num(r, "predictive_p50"), 1e-12);
    assertEquals(0.5940893856185787, num(r, "predictive_p90"), 1e-9);
    assertEquals(46.043356263550365, num(r, "mu_effect_pct"), 1e-8);
    assertEquals(17.748089187787613, num(r, "predictive_p10_effect_pct"), 1e-7);
    assertEquals(81.13807243790436, num(r, "predictive_p90_effect_pct"), 1e-7);
    // the Bayesian columns: R's quadrature of case sample_v1 (tau_posterior_reference.csv)
    assertEquals(0.5, num(r, "tau_prior_scale"), 0);
    assertEquals(0.241609676932, num(r, "tau_posterior_median"), 2e-4);
    assertEquals(0.378419315782, num(r, "bayes_mu"), 2e-4);
    assertEquals(-0.444211603194, num(r, "bayes_predictive_p025"), 2e-4);
    assertEquals(-0.0337089368536, num(r, "bayes_predictive_p10"), 2e-4);
    assertEquals(0.790149947193, num(r, "bayes_predictive_p90"), 2e-4);
    assertEquals(1.20038833963, num(r, "bayes_predictive_p975"), 2e-4);
    assertEquals(100 * Math.expm1(num(r, "bayes_predictive_p90")), num(r, "bayes_predictive_p90_effect_pct"), 1e-9);
  }

  /**
   * From visa on arrival: mu - b_voa = 0.37873335 + 0.10; Var = sd^2 + var(b_voa) - 2 a_VNM cov,
   * with cov(b_VNM, b_voa) = 0.5 x 0.024 x 0.03 = 0.00036 and a_VNM = w*_VNM / W.
   */
  @Test
  void regimeRowIsTheContrastWithItsVariance() {
    RandomEffectsSummary s = TransferEffect.of(model(), DESTINATIONS).summary();
    double aVnm = s.weights()[0];
    double var = 0.1680432056447703 * 0.1680432056447703 + 0.03 * 0.03 - 2 * aVnm * 0.00036;
    List<String> r = TransferTable.rows(List.of(model()), DESTINATIONS).get(1);
    assertEquals("visa_on_arrival", cell(r, "from_regime"));
    assertEquals(0.47873335234539, num(r, "mu"), 1e-12);
    assertEquals(Math.sqrt(var), num(r, "predictive_sd"), 1e-12);
    assertEquals(Math.sqrt(0.0846099309884988 * 0.0846099309884988 + 0.03 * 0.03 - 2 * aVnm * 0.00036),
        num(r, "se_mu"), 1e-12);
    assertEquals(0.021079678541492033, num(r, "tau2"), 1e-12); // heterogeneity of the waiver effects
  }

  /**
   * With waiver estimates correlated among themselves and with b_voa (rho 0.9 for every pair), the
   * regime row's se_mu is the full sampling SE of a'b_w - b_voa:
   * sqrt(a'V_ww a + var(b_voa) - 2 a'V_wR + tau2 a'a). Leaving out a'(V_ww - diag V_ww)a, as an
   * earlier version did, understates it (and printed 0 on the sample).
   */
  @Test
  void regimeRowStandardErrorUsesTheFullCovariance() {
    List<String> terms = List.of("waiver:VNM", "waiver:THA", "waiver:LAO", "voa_share");
    double[] se = {0.024, 0.016, 0.019, 0.03};
    double[][] v = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        v[i][j] = (i == j ? 1 : 0.9) * se[i] * se[j];
      }
    }
    ModelResult m = new ModelResult("ppml", terms, new double[] {0.188, 0.441, 0.505, -0.10}, v);
    RandomEffectsSummary s = TransferEffect.of(m, DESTINATIONS).summary();
    double[] a = s.weights();
    double var = 0;
    for (int i = 0; i < 3; i++) {
      var += s.tau2() * a[i] * a[i] - 2 * a[i] * v[i][3];
      for (int j = 0; j < 3; j++) {
        var += a[i] * a[j] * v[i][j];
      }
    }
    var += v[3][3];
    List<String> r = TransferTable.rows(List.of(m), DESTINATIONS).get(1);
    assertEquals("visa_on_arrival", cell(r, "from_regime"));
    assertEquals(Math.sqrt(var), num(r, "se_mu"), 1e-12);
  }

  /**
   * On the sample: the waiver rows of a run's coefficients.csv (src/test/resources/transfer/, with
   * the command that produced them) and DerSimonian-Laird worked out from them in Python.
   */
  @Test
  void sampleRunEqualsTheHandComputation() throws Exception {
    List<String> lines;
    try (var in = getClass().getResourceAsStream("/transfer/sample_coefficients.csv")) {
      lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }
    int checked = 0;
    for (String line : lines.stream().filter(l -> l.startsWith("#expected,") && !l.contains(",model,")).toList()) {
      String[] e = line.split(",");
      String model = e[1];
      List<String[]> coef = lines.stream().filter(l -> l.startsWith(model + ",waiver:")).map(l -> l.split(",")).toList();
      double[] b = coef.stream().mapToDouble(c -> Double.parseDouble(c[2])).toArray();
      double[][] v = new double[b.length][b.length];
      for (int i = 0; i < b.length; i++) {
        double se = Double.parseDouble(coef.get(i)[3]);
        v[i][i] = se * se;
      }
      ModelResult m = new ModelResult(model, coef.stream().map(c -> c[1]).toList(), b, v);
      List<String> r = TransferTable.rows(List.of(m), DESTINATIONS).get(0);
      assertEquals(Double.parseDouble(e[2]), num(r, "mu"), 1e-12, model);
      assertEquals(Double.parseDouble(e[3]), num(r, "se_mu"), 1e-12, model);
      assertEquals(Double.parseDouble(e[4]), num(r, "tau2"), 1e-12, model);
      assertEquals(Double.parseDouble(e[5]), num(r, "q"), 1e-9, model);
      assertEquals(Double.parseDouble(e[6]), num(r, "i2_pct"), 1e-9, model);
      double p = Double.parseDouble(e[7]);
      assertEquals(p, num(r, "q_p_value"), p * 1e-3, model); // 4 significant digits below 1e-4
      checked++;
    }
    assertEquals(2, checked);
  }

  /** A model without every compared destination's term gets no row. */
  @Test
  void modelWithoutTheTermsIsLeftOut() {
    ModelResult partial = new ModelResult("ols", List.of("waiver:VNM", "waiver:THA"), new double[] {0.1, 0.2},
        new double[][] {{0.01, 0}, {0, 0.01}});
    assertEquals(List.of(), TransferTable.rows(List.of(partial), DESTINATIONS));
  }

  private static String cell(List<String> row, String column) {
    return row.get(TransferTable.COLUMNS.indexOf(column));
  }

  private static double num(List<String> row, String column) {
    return Double.parseDouble(cell(row, column));
  }
}
