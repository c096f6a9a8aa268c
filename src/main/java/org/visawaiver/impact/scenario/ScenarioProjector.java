package org.visawaiver.impact.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.ScenarioSettings.BaselineShocks;
import org.visawaiver.impact.scenario.draws.RandomStreams;
import org.visawaiver.impact.scenario.draws.Triangular;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;
import org.visawaiver.impact.scenario.summary.CumulativeSummary;
import org.visawaiver.impact.scenario.summary.OriginDraws;
import org.visawaiver.impact.scenario.summary.Quantiles;
import org.visawaiver.impact.scenario.summary.SensitivityRow;
import org.visawaiver.impact.scenario.summary.SummaryRow;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;

/**
 * The Monte Carlo projection of waiver scenarios, on the driver: per draw d, origin o and month h,
 *
 * <pre>
 *   baseline draw   B[d,h] = mean[h] x exp(sd[h] z - sd[h]^2 / 2)      (BaselineForecast's rule)
 *   incremental     I[d,h] = B[d,h] x effect_o[d] x ramp[h]
 *   spending        S = I x spend[d],  fees F = fee x mean (point forecast),  net = tax[d] x S - F,
 *   jobs            J = S / 1e6 x jobs_per_musd[d] x employment_multiplier[d]
 * </pre>
 *
 * then p10/p50/p90 over draws per row, the cumulative summary and the sensitivity. Common random
 * numbers: each input is drawn from its own stream keyed by the seed and what it is (the effect of
 * a model and source, an origin's baseline, a parameter column), never by the scenario, so an
 * origin's numbers are the same in every scenario that has it. The arrays are flat primitives and
 * the scenarios run in parallel on the driver's cores.
 */
public final class ScenarioProjector {
  /** Default of scenario.discount-rate. */
  public static final double DEFAULT_DISCOUNT_RATE = 0.05;

  /** The rows of one scenario. */
  public record Projection(
      ScenarioSpec spec,
      List<ScenarioRow> monthly,
      List<ScenarioRow> annual,
      List<SummaryRow> summary,
      List<SensitivityRow> sensitivity) {}

  private ScenarioProjector() {}

  /**
   * Projects every scenario (in parallel, results in configured order).
   *
   * @param baselines per scenario name, the baseline forecast of each of its origins
   * @param model the default model (may be null when every scenario uses a fixed effect)
   * @param regimes each origin's regime at a scenario's start (what the waiver replaces)
   */
  public static List<Projection> projectAll(
      ScenarioSettings settings,
      Map<String, Map<String, BaselineForecast>> baselines,
      ModelResult model,
      TourismParameterTable parameters,
      RegimeLookup regimes) {
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
                    settings,
                    regimes))
        .toList();
  }

  /** As {@link #projectAll(ScenarioSettings, Map, ModelResult, TourismParameterTable, RegimeLookup)}, every origin visa_required. */
  public static List<Projection> projectAll(
      ScenarioSettings settings,
      Map<String, Map<String, BaselineForecast>> baselines,
      ModelResult model,
      TourismParameterTable parameters) {
    return projectAll(settings, baselines, model, parameters, RegimeLookup.VISA_REQUIRED);
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

  /** Projects one scenario with every origin visa_required and the default discount rate. */
  public static Projection project(
      ScenarioSpec spec,
      Map<String, BaselineForecast> baselines,
      ModelResult model,
      TourismParameterTable parameters,
      List<String> pooledOver,
      BaselineShocks shocks) {
    ScenarioSettings settings = new ScenarioSettings(List.of(spec), pooledOver, shocks, false, DEFAULT_DISCOUNT_RATE);
    return project(spec, baselines, model, parameters, settings, RegimeLookup.VISA_REQUIRED);
  }

  /** Projects one scenario; deterministic for {@code spec.seed()}. */
  public static Projection project(
      ScenarioSpec spec,
      Map<String, BaselineForecast> baselines,
      ModelResult model,
      TourismParameterTable parameters,
      ScenarioSettings settings,
      RegimeLookup regimes) {
    int draws = spec.draws();
    int horizon = spec.horizonMonths();
    int n = spec.origins().size();
    long seed = spec.seed();
    TourismParameters[] params = new TourismParameters[n];
    BaselineForecast[] forecasts = new BaselineForecast[n];
    for (int o = 0; o < n; o++) {
      params[o] = parameters.require(spec.destination(), spec.origins().get(o), spec.name());
      forecasts[o] = baselineOf(spec, spec.origins().get(o), baselines);
    }
    String modelName = model == null ? "none" : model.model();
    EffectSampler.EffectDraws drawn =
        EffectSampler.draw(spec.effect(), draws, model, settings.pooledOver(), settings.tauPriorScale(),
            RandomStreams.of(seed, RandomStreams.effectKey(modelName, spec.effect().label())));
    Map<UncertainParameter, double[]> uniforms = uniforms(spec, params, draws);
    double[] discount = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      discount[h] = Math.pow(1 + settings.discountRate(), -h / 12.0);
    }

    Origin[] origins = new Origin[n];
    for (int o = 0; o < n; o++) {
      origins[o] = origin(spec, params[o], forecasts[o], drawn, regimes, uniforms, settings.baselineShocks(),
          discount);
    }

    List<int[]> groups = new ArrayList<>();
    for (int o = 0; o < n; o++) {
      groups.add(new int[] {o});
    }
    if (n > 1) {
      groups.add(IntStream.range(0, n).toArray());
    }
    Map<Integer, List<Integer>> monthsByYear = new LinkedHashMap<>();
    for (int h = 0; h < horizon; h++) {
      monthsByYear.computeIfAbsent(spec.startMonth().plusMonths(h).getYear(), y -> new ArrayList<>()).add(h);
    }
    CumulativeSummary.Scenario scenario =
        new CumulativeSummary.Scenario(spec.name(), spec.destination(), spec.startMonth().toString(),
            spec.startMonth().plusMonths(horizon - 1).toString(), horizon, settings.discountRate(), draws, seed);
    List<ScenarioRow> monthly = new ArrayList<>();
    List<ScenarioRow> annual = new ArrayList<>();
    List<SummaryRow> summary = new ArrayList<>();
    List<SensitivityRow> sensitivity = new ArrayList<>();
    for (int[] group : groups) {
      Origin[] members = Arrays.stream(group).mapToObj(o -> origins[o]).toArray(Origin[]::new);
      for (int h = 0; h < horizon; h++) {
        monthly.add(row(spec, members, spec.startMonth().plusMonths(h).toString(), new int[] {h}));
      }
      for (Map.Entry<Integer, List<Integer>> year : monthsByYear.entrySet()) {
        int[] months = year.getValue().stream().mapToInt(Integer::intValue).toArray();
        annual.add(row(spec, members, String.valueOf(year.getKey()), months));
      }
      List<OriginDraws> cumulative = Arrays.stream(members).map(Origin::cumulative).toList();
      String label = label(members);
      summary.add(CumulativeSummary.summarise(scenario, label, cumulative, effectLabel(members),
          breakEven(members, allMonths(horizon))));
      sensitivity.addAll(CumulativeSummary.sensitivity(scenario, label, cumulative));
    }
    return new Projection(spec, monthly, annual, summary, sensitivity);
  }

  /**
   * One origin's draws: its effect, parameters and, per month, its incremental arrivals;
   * {@code point[h]} is the baseline point forecast.
   */
  private record Origin(
      TourismParameters params,
      String method,
      String effectLabel,
      double[] effect,
      double[] effectPct,
      Map<UncertainParameter, double[]> values,
      double[] point,
      double[][] incremental,
      OriginDraws cumulative) {
    double[] value(UncertainParameter u) {
      return values.get(u);
    }
  }

  private static Origin origin(
      ScenarioSpec spec,
      TourismParameters p,
      BaselineForecast forecast,
      EffectSampler.EffectDraws drawn,
      RegimeLookup regimes,
      Map<UncertainParameter, double[]> uniforms,
      BaselineShocks shocks,
      double[] discount) {
    int draws = spec.draws();
    int horizon = spec.horizonMonths();
    RegimeTerm regime = regimes.at(spec.destination(), p.origin(), spec.startMonth());
    double[] effect = drawn.effect(regime, spec.stayDays());
    Map<UncertainParameter, double[]> values = new EnumMap<>(UncertainParameter.class);
    for (UncertainParameter u : UncertainParameter.values()) {
      Triangular t = p.distribution(u);
      double[] v = new double[draws];
      if (t.isPoint()) {
        Arrays.fill(v, t.mode());
      } else {
        double[] uniform = uniforms.get(u);
        for (int d = 0; d < draws; d++) {
          v[d] = t.quantile(uniform[d]);
        }
      }
      values.put(u, v);
    }
    RandomGenerator rng = RandomStreams.of(spec.seed(), RandomStreams.baselineKey(spec.destination(), p.origin()));
    double[] mean = forecast.mean();
    double[] sd = forecast.logSd();
    double[] point = Arrays.copyOf(mean, horizon);
    double[][] incremental = new double[horizon][draws];
    double[] ramped = new double[draws];
    double[] discounted = new double[draws];
    double[] baselineDraw = new double[draws];
    double baselinePoint = 0;
    double discountedPoint = 0;
    double[] z = shocks == BaselineShocks.PERSISTENT ? gaussians(draws, rng) : null;
    for (int h = 0; h < horizon; h++) {
      if (shocks == BaselineShocks.INDEPENDENT) {
        z = gaussians(draws, rng);
      }
      double ramp = spec.ramp(h);
      double drift = -0.5 * sd[h] * sd[h];
      baselinePoint += mean[h];
      discountedPoint += mean[h] * discount[h];
      for (int d = 0; d < draws; d++) {
        double b = mean[h] * Math.exp(sd[h] * z[d] + drift);
        incremental[h][d] = b * ramp * effect[d];
        ramped[d] += b * ramp;
        discounted[d] += b * ramp * discount[h];
        baselineDraw[d] += b;
      }
    }
    OriginDraws cumulative =
        new OriginDraws(p.origin(), effect, ramped, discounted, baselineDraw, values.get(UncertainParameter.SPEND),
            values.get(UncertainParameter.JOBS), values.get(UncertainParameter.MULTIPLIER),
            values.get(UncertainParameter.TAX), p.visaFeeUsd(), baselinePoint, discountedPoint);
    double[] effectPct = Quantiles.of(effect, Quantiles.P10_P50_P90);
    for (int q = 0; q < 3; q++) {
      effectPct[q] *= 100;
    }
    return new Origin(p, forecast.method(), drawn.label(regime, spec.stayDays()), effect, effectPct, values, point,
        incremental, cumulative);
  }

  /**
   * One uniform per draw for each parameter column that some origin draws, from the column's own
   * stream: common to all origins (a high tax share is high for every market) and to all scenarios.
   */
  private static Map<UncertainParameter, double[]> uniforms(ScenarioSpec spec, TourismParameters[] params, int draws) {
    Map<UncertainParameter, double[]> out = new EnumMap<>(UncertainParameter.class);
    for (UncertainParameter u : UncertainParameter.values()) {
      if (Arrays.stream(params).allMatch(p -> p.distribution(u).isPoint())) {
        continue;
      }
      RandomGenerator rng = RandomStreams.of(spec.seed(), RandomStreams.parameterKey(spec.destination(), u.column()));
      double[] x = new double[draws];
      for (int d = 0; d < draws; d++) {
        x[d] = rng.nextDouble();
      }
      out.put(u, x);
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

  private static int[] allMonths(int horizon) {
    return IntStream.range(0, horizon).toArray();
  }

  private static String label(Origin[] members) {
    return members.length == 1 ? members[0].params().origin() : ScenarioRow.ALL;
  }

  private static String effectLabel(Origin[] members) {
    LinkedHashSet<String> labels = new LinkedHashSet<>();
    for (Origin o : members) {
      labels.add(o.effectLabel());
    }
    return String.join("; ", labels);
  }

  /** 100 x sum(fee x baseline) / sum(tax x spend x baseline) at the parameters' own values; NaN if 0. */
  private static double breakEven(Origin[] members, int[] months) {
    if (members.length == 1) {
      return members[0].params().breakEvenUpliftPct();
    }
    double fees = 0;
    double taxSpend = 0;
    for (Origin o : members) {
      double b = 0;
      for (int h : months) {
        b += o.point()[h];
      }
      fees += o.params().visaFeeUsd() * b;
      taxSpend += o.params().taxShare() * o.params().spendPerArrivalUsd() * b;
    }
    return taxSpend > 0 ? 100.0 * fees / taxSpend : Double.NaN;
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
  private static ScenarioRow row(ScenarioSpec spec, Origin[] members, String period, int[] months) {
    int draws = spec.draws();
    double baseline = 0;
    double fees = 0;
    double[][] perOrigin = new double[members.length][];
    double[] rowBaseline = new double[members.length];
    for (int i = 0; i < members.length; i++) {
      Origin o = members[i];
      double b = 0;
      double[] sum = months.length == 1 ? o.incremental()[months[0]] : new double[draws];
      for (int h : months) {
        b += o.point()[h];
        if (months.length > 1) {
          double[] x = o.incremental()[h];
          for (int d = 0; d < draws; d++) {
            sum[d] += x[d];
          }
        }
      }
      perOrigin[i] = sum;
      rowBaseline[i] = b;
      baseline += b;
      fees += o.params().visaFeeUsd() * b;
    }
    double[] p = Quantiles.P10_P50_P90;
    double[] inc;
    double[] spending;
    double[] net = new double[3];
    double[] jobs = new double[3];
    double[] effectPct;
    LinkedHashSet<String> methods = new LinkedHashSet<>();
    for (Origin o : members) {
      methods.add(o.method());
    }
    if (members.length == 1 && !members[0].params().drawn()) {
      // fixed parameters: every money column is an increasing affine function of the same draws, so
      // take the quantiles of the arrivals and map them (exact for type-7 quantiles)
      TourismParameters tp = members[0].params();
      inc = Quantiles.of(perOrigin[0], p);
      spending = new double[3];
      for (int q = 0; q < 3; q++) {
        spending[q] = inc[q] * tp.spendPerArrivalUsd();
        net[q] = tp.taxShare() * spending[q] - fees;
        jobs[q] = spending[q] * tp.jobsPerUsd();
      }
    } else {
      // drawn parameters or several origins: each quantity per draw, then its own quantiles (the
      // identities hold per draw, not between quantiles)
      double[] incAll = new double[draws];
      double[] spendAll = new double[draws];
      double[] netAll = new double[draws];
      double[] jobsAll = new double[draws];
      for (int i = 0; i < members.length; i++) {
        Origin o = members[i];
        double[] spend = o.value(UncertainParameter.SPEND);
        double[] tax = o.value(UncertainParameter.TAX);
        double[] perMusd = o.value(UncertainParameter.JOBS);
        double[] multiplier = o.value(UncertainParameter.MULTIPLIER);
        double[] x = perOrigin[i];
        for (int d = 0; d < draws; d++) {
          double s = x[d] * spend[d];
          incAll[d] += x[d];
          spendAll[d] += s;
          netAll[d] += tax[d] * s;
          jobsAll[d] += s / 1e6 * perMusd[d] * multiplier[d];
        }
      }
      for (int d = 0; d < draws; d++) {
        netAll[d] -= fees;
      }
      inc = Quantiles.of(incAll, p);
      spending = Quantiles.of(spendAll, p);
      net = Quantiles.of(netAll, p);
      jobs = Quantiles.of(jobsAll, p);
    }
    if (members.length == 1) {
      effectPct = members[0].effectPct().clone();
    } else {
      double[] weighted = new double[draws];
      for (int i = 0; i < members.length; i++) {
        double w = baseline > 0 ? rowBaseline[i] / baseline : 1.0 / members.length;
        double[] e = members[i].effect();
        for (int d = 0; d < draws; d++) {
          weighted[d] += w * e[d];
        }
      }
      effectPct = Quantiles.of(weighted, p);
      for (int q = 0; q < 3; q++) {
        effectPct[q] *= 100;
      }
    }
    return new ScenarioRow(
        spec.name(), spec.destination(), label(members), period, baseline, inc, spending, fees, net, jobs,
        breakEven(members, months), effectLabel(members), draws, spec.seed(), String.join("+", methods), effectPct);
  }
}
