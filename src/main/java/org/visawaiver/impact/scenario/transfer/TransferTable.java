package org.visawaiver.impact.scenario.transfer;

import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * Writes {@code estimates/transfer.csv}: per model (that has every compared destination's waiver
 * term) and per regime a waiver would replace, the DerSimonian-Laird random-effects summary of the
 * compared destinations' waiver effects and the predictive effect for a new destination.
 */
public final class TransferTable {
  public static final String FILE = "transfer.csv";
  public static final List<String> COLUMNS =
      List.of("model", "from_regime", "destinations", "k", "mu", "se_mu", "tau2", "i2_pct", "q", "q_df",
          "q_p_value", "predictive_sd", "predictive_p10", "predictive_p50", "predictive_p90", "mu_effect_pct",
          "predictive_p10_effect_pct", "predictive_p50_effect_pct", "predictive_p90_effect_pct", "method",
          "tau_prior_scale", "tau_posterior_median", "bayes_mu", "bayes_predictive_p025", "bayes_predictive_p10",
          "bayes_predictive_p50", "bayes_predictive_p90", "bayes_predictive_p975", "bayes_predictive_p10_effect_pct",
          "bayes_predictive_p90_effect_pct");
  static final String METHOD =
      "DerSimonian-Laird, analytic: point estimates and clustered variances of the waiver terms;"
          + " predictive N(mu, predictive_sd^2), predictive_sd^2 = se_mu^2 + tau2 + a'(V - diag V)a"
          + " (+ var(b_R) - 2 cov for a regime R); bayes_*: b ~ N(mu 1, V_ww + tau^2 I), flat prior on mu,"
          + " half-normal(tau_prior_scale) prior on tau, posterior of tau on a grid, predictive = tau-mixture"
          + " of N(mu_hat(tau), var_mu(tau) + tau^2) (Friede et al. 2017; Roever 2020);"
          + " effect-from = predictive draws from ";
  /** Which distribution {@code effect-from = predictive} draws from (end of {@code method}). */
  static final String DRAWS = "the Bayesian tau-mixture (bayes_*) with scenario.tau-prior-scale";
  private static final double[] BAYES_P = {0.025, 0.1, 0.5, 0.9, 0.975};
  private static final double Z90 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.9);

  private TransferTable() {}

  /** The rows of every model that has all of {@code destinations}' waiver terms. */
  public static List<List<String>> rows(List<ModelResult> models, List<String> destinations) {
    return rows(models, destinations, TauPosterior.DEFAULT_SCALE);
  }

  /** As {@link #rows(List, List)}, with the half-normal prior scale of tau of the bayes_* columns. */
  public static List<List<String>> rows(List<ModelResult> models, List<String> destinations, double tauPriorScale) {
    List<List<String>> rows = new ArrayList<>();
    for (ModelResult m : models) {
      if (destinations.size() < 2
          || destinations.stream().anyMatch(d -> m.indexOf(WaiverTerms.of(d)) < 0)) {
        continue;
      }
      TransferEffect t;
      try {
        t = TransferEffect.of(m, destinations);
      } catch (IllegalArgumentException e) {
        continue; // a zero variance: no summary for this model (the scenario step reports it if used)
      }
      TauPosterior posterior;
      try {
        posterior = t.posterior(tauPriorScale);
      } catch (IllegalArgumentException e) {
        posterior = null; // V_ww not positive definite: the bayes_* cells stay empty
      }
      for (RegimeTerm r : List.of(RegimeTerm.VISA_REQUIRED, RegimeTerm.EVISA, RegimeTerm.VISA_ON_ARRIVAL)) {
        if (r.term().isPresent() && m.indexOf(r.term().get()) < 0) {
          continue;
        }
        rows.add(row(t, r, posterior));
      }
    }
    return rows;
  }

  public static void write(Path dir, List<ModelResult> models, List<String> destinations, double tauPriorScale) {
    CsvTableWriter.write(dir.resolve(FILE), COLUMNS, rows(models, destinations, tauPriorScale));
  }

  private static List<String> row(TransferEffect t, RegimeTerm regime, TauPosterior posterior) {
    RandomEffectsSummary s = t.summary();
    double[] c = t.contrast(regime);
    double mu = c[0];
    double seMu = s.seMu();
    if (regime.term().isPresent()) {
      // The sampling variance of mu - b_R with the model's full covariance:
      // Var(theta_new - b_R) - tau2 = se_mu^2 + a'(V_ww - diag V_ww)a + var(b_R) - 2 a'V_wR.
      // Leaving out the covariance between the waiver estimates (as se_mu of the visa_required row
      // does) can make this negative when they are strongly correlated with b_R (it printed 0).
      seMu = Math.sqrt(Math.max(0, c[1] * c[1] - s.tau2()));
    }
    double sd = c[1];
    double[] pred = {mu - Z90 * sd, mu, mu + Z90 * sd};
    List<String> row = new ArrayList<>(List.of(text(t.model()), text(regime.label()),
        text(String.join(" ", t.destinations())), Integer.toString(t.destinations().size()), exact(mu),
        exact(seMu), exact(s.tau2()), exact(s.i2Pct()), exact(s.q()), Integer.toString(s.qDf()),
        SpreadsheetCells.pValue(s.qPValue()), exact(sd)));
    for (double p : pred) {
      row.add(exact(p));
    }
    row.add(exact(100 * Math.expm1(mu)));
    for (double p : pred) {
      row.add(exact(100 * Math.expm1(p)));
    }
    row.add(text(METHOD + DRAWS));
    if (posterior == null) {
      row.addAll(Collections.nCopies(COLUMNS.size() - row.size(), ""));
      return row;
    }
    NormalMixture bayes = t.predictive(posterior, regime);
    row.add(exact(posterior.scale()));
    row.add(exact(posterior.tauQuantile(0.5)));
    row.add(exact(bayes.mean()));
    double[] q = new double[BAYES_P.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = bayes.quantile(BAYES_P[i]);
      row.add(exact(q[i]));
    }
    row.add(exact(100 * Math.expm1(q[1])));
    row.add(exact(100 * Math.expm1(q[3])));
    return row;
  }
}
