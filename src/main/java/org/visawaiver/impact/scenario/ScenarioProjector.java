package org.visawaiver.impact.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.ScenarioSettings.BaselineShocks;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;

/**
 * The Monte Carlo projection of waiver scenarios, on the driver: per draw d, origin o and month h,
 *
 * <pre>
 *   baseline draw   B[d,h] = mean[h] x exp(sd[h] z - sd[h]^2 / 2)      (BaselineForecast's rule)
 *   incremental     I[d,h] = B[d,h] x effect[d] x ramp[h]
 *   spending        S = I x spend,  fees F = fee x mean (point forecast),  net = tax x S - F,
 *   jobs            J = S / 1e6 x jobs_per_musd x employment_multiplier
 * </pre>
 *
 * then p10/p50/p90 over draws per row. The arrays are flat primitives (no per-draw objects) and the
 * scenarios run in parallel on the driver's cores: the whole computation is a few hundred MB of
 * arithmetic at most, far below what a Spark job's scheduling would cost.
 */
public final class ScenarioProjector {
  /** The rows of one scenario. */
  public record Projection(ScenarioSpec spec, List<ScenarioRow> monthly, List<ScenarioRow> annual) {}

  private ScenarioProjector() {}

  /**
   * Projects every scenario (in parallel, results in configured order).
   *
   * @param baselines per scenario name, the baseline forecast of each of its origins
   * @param model the default model (may be null when every scenario uses a fixed effect)
   */
  public static List<Projection> projectAll(
      ScenarioSettings settings,
      Map<String, Map<String, BaselineForecast>> baselines,
      ModelResult model,
      TourismParameterTable parameters) {
    checkInputs(settings, model, parameters);
    List<ScenarioSpec> specs = settings.scenarios();
    return IntStream.range(0, specs.size())
        .parallel()
        .mapToObj(
            i ->
                project(
                    specs.get(i),
                    baselines.getOrDefault(specs.get(i).name(), Map.of()),
                    model,
                    parameters,
                    settings.pooledOver(),
                    settings.baselineShocks()))
        .toList();
  }

  /**
   * Fails with an {@link org.visawaiver.impact.config.InputException} when a scenario borrows a
   * term the model lacks or an origin has no tourism parameters (cheap: run it before forecasting).
   */
  public static void checkInputs(ScenarioSettings settings, ModelResult model, TourismParameterTable parameters) {
    for (ScenarioSpec spec : settings.scenarios()) {
      EffectSampler.check(spec, model, settings.pooledOver());
      spec.origins().forEach(o -> parameters.require(spec.destination(), o, spec.name()));
    }
  }

  /** Projects one scenario; deterministic for {@code spec.seed()}. */
  public static Projection project(
      ScenarioSpec spec,
      Map<String, BaselineForecast> baselines,
      ModelResult model,
      TourismParameterTable parameters,
      List<String> pooledOver,
      BaselineShocks shocks) {
    int draws = spec.draws();
    int horizon = spec.horizonMonths();
    int n = spec.origins().size();
    TourismParameters[] params = new TourismParameters[n];
    BaselineForecast[] forecasts = new BaselineForecast[n];
    for (int o = 0; o < n; o++) {
      params[o] = parameters.require(spec.destination(), spec.origins().get(o), spec.name());
      forecasts[o] = baselineOf(spec, spec.origins().get(o), baselines);
    }
    RandomGenerator rng = new Well19937c(spec.seed());
    EffectSampler.EffectDraws drawn = EffectSampler.draw(spec.effect(), draws, model, pooledOver, rng);
    double[] effectDraws = drawn.effect(RegimeTerm.VISA_REQUIRED, spec.stayDays());
    String effectLabel = drawn.label(RegimeTerm.VISA_REQUIRED, spec.stayDays());

    // incremental[o][h][d] and the baseline point forecast point[o][h]
    double[][][] incremental = new double[n][horizon][];
    double[][] point = new double[n][horizon];
    for (int o = 0; o < n; o++) {
      double[] mean = forecasts[o].mean();
      double[] sd = forecasts[o].logSd();
      double[] z = shocks == BaselineShocks.PERSISTENT ? gaussians(draws, rng) : null;
      for (int h = 0; h < horizon; h++) {
        if (shocks == BaselineShocks.INDEPENDENT) {
          z = gaussians(draws, rng);
        }
        point[o][h] = mean[h];
        incremental[o][h] = incrementalDraws(mean[h], sd[h], spec.ramp(h), z, effectDraws);
      }
    }

    double[] effectPct = Quantiles.of(effectDraws, Quantiles.P10_P50_P90);
    for (int q = 0; q < effectPct.length; q++) {
      effectPct[q] *= 100;
    }
    RowMaker maker = new RowMaker(spec, params, forecasts, effectLabel, effectPct);
    List<ScenarioRow> monthly = new ArrayList<>();
    List<ScenarioRow> annual = new ArrayList<>();
    Map<Integer, List<Integer>> monthsByYear = new LinkedHashMap<>();
    for (int h = 0; h < horizon; h++) {
      monthsByYear.computeIfAbsent(spec.startMonth().plusMonths(h).getYear(), y -> new ArrayList<>()).add(h);
    }
    int[] all = IntStream.range(0, n).toArray();
    List<int[]> groups = new ArrayList<>();
    for (int o = 0; o < n; o++) {
      groups.add(new int[] {o});
    }
    if (n > 1) {
      groups.add(all);
    }
    for (int[] group : groups) {
      for (int h = 0; h < horizon; h++) {
        monthly.add(maker.row(group, spec.startMonth().plusMonths(h).toString(), new int[] {h}, incremental, point));
      }
      for (Map.Entry<Integer, List<Integer>> year : monthsByYear.entrySet()) {
        int[] months = year.getValue().stream().mapToInt(Integer::intValue).toArray();
        annual.add(maker.row(group, String.valueOf(year.getKey()), months, incremental, point));
      }
    }
    return new Projection(spec, monthly, annual);
  }

  /** B x effect x ramp per draw, with B = mean x exp(sd z - sd^2 / 2). */
  static double[] incrementalDraws(double mean, double sd, double ramp, double[] z, double[] effect) {
    double[] out = new double[effect.length];
    double scale = mean * ramp;
    double drift = -0.5 * sd * sd;
    for (int d = 0; d < out.length; d++) {
      out[d] = scale * Math.exp(sd * z[d] + drift) * effect[d];
    }
    return out;
  }

  private static double[] gaussians(int draws, RandomGenerator rng) {
    double[] z = new double[draws];
    for (int d = 0; d < draws; d++) {
      z[d] = rng.nextGaussian();
    }
    return z;
  }

  private static BaselineForecast baselineOf(ScenarioSpec spec, String origin, Map<String, BaselineForecast> baselines) {
    BaselineForecast f = baselines.get(origin);
    if (f == null) {
      throw new InputException("arrivals.csv: no arrivals history of origin " + origin + " into "
          + spec.destination() + ", so scenario " + spec.name() + " has no baseline forecast; add the history"
          + " or remove " + origin + " from the scenario; no scenarios were projected");
    }
    if (!f.firstMonth().equals(spec.startMonth()) || f.horizon() < spec.horizonMonths()) {
      throw new IllegalStateException("baseline of " + origin + " covers " + f.horizon() + " months from "
          + f.firstMonth() + ", scenario " + spec.name() + " needs " + spec.horizonMonths() + " from " + spec.startMonth());
    }
    double[] mean = f.mean();
    double[] sd = f.logSd();
    for (int h = 0; h < spec.horizonMonths(); h++) {
      if (!(mean[h] >= 0) || !Double.isFinite(mean[h]) || !(sd[h] >= 0) || !Double.isFinite(sd[h])) {
        throw new IllegalStateException("baseline of " + origin + " in " + f.month(h) + ": mean " + mean[h]
            + ", logSd " + sd[h] + " (need finite, non-negative)");
      }
    }
    return f;
  }

  /** Summarises the draws of a group of origins over a set of months into one row. */
  private record RowMaker(
      ScenarioSpec spec,
      TourismParameters[] params,
      BaselineForecast[] forecasts,
      String effectLabel,
      double[] effectPct) {
    ScenarioRow row(int[] origins, String period, int[] months, double[][][] incremental, double[][] point) {
      int draws = spec.draws();
      double baseline = 0;
      double fees = 0;
      double taxSpendWeighted = 0;
      double[][] perOrigin = new double[origins.length][];
      for (int i = 0; i < origins.length; i++) {
        int o = origins[i];
        double b = 0;
        double[] sum = months.length == 1 ? incremental[o][months[0]] : new double[draws];
        for (int h : months) {
          b += point[o][h];
          if (months.length > 1) {
            double[] x = incremental[o][h];
            for (int d = 0; d < draws; d++) {
              sum[d] += x[d];
            }
          }
        }
        perOrigin[i] = sum;
        baseline += b;
        fees += params[o].visaFeeUsd() * b;
        taxSpendWeighted += params[o].taxShare() * params[o].spendPerArrivalUsd() * b;
      }
      double[] inc;
      double[] spending;
      double[] net = new double[3];
      double[] jobs = new double[3];
      double breakEven;
      String origin;
      LinkedHashSet<String> methods = new LinkedHashSet<>();
      for (int o : origins) {
        methods.add(forecasts[o].method());
      }
      if (origins.length == 1) {
        // every money column is an increasing affine function of the same draws: take the quantiles
        // of the arrivals and map them (exact for type-7 quantiles)
        TourismParameters p = params[origins[0]];
        origin = p.origin();
        inc = Quantiles.of(perOrigin[0], Quantiles.P10_P50_P90);
        spending = new double[3];
        for (int q = 0; q < 3; q++) {
          spending[q] = inc[q] * p.spendPerArrivalUsd();
          net[q] = p.taxShare() * spending[q] - fees;
          jobs[q] = spending[q] * p.jobsPerUsd();
        }
        breakEven = p.breakEvenUpliftPct();
      } else {
        origin = ScenarioRow.ALL;
        double[] incAll = new double[draws];
        double[] spendAll = new double[draws];
        double[] netAll = new double[draws];
        double[] jobsAll = new double[draws];
        for (int i = 0; i < origins.length; i++) {
          TourismParameters p = params[origins[i]];
          double[] x = perOrigin[i];
          for (int d = 0; d < draws; d++) {
            double s = x[d] * p.spendPerArrivalUsd();
            incAll[d] += x[d];
            spendAll[d] += s;
            netAll[d] += p.taxShare() * s;
            jobsAll[d] += s * p.jobsPerUsd();
          }
        }
        for (int d = 0; d < draws; d++) {
          netAll[d] -= fees;
        }
        inc = Quantiles.of(incAll, Quantiles.P10_P50_P90);
        spending = Quantiles.of(spendAll, Quantiles.P10_P50_P90);
        net = Quantiles.of(netAll, Quantiles.P10_P50_P90);
        jobs = Quantiles.of(jobsAll, Quantiles.P10_P50_P90);
        breakEven = taxSpendWeighted > 0 ? 100.0 * fees / taxSpendWeighted : Double.NaN;
      }
      return new ScenarioRow(
          spec.name(), spec.destination(), origin, period, baseline, inc, spending, fees, net, jobs, breakEven,
          effectLabel, draws, spec.seed(), String.join("+", methods), effectPct.clone());
    }
  }
}
