package org.visawaiver.impact.estimate.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.inference.FewClusterInference;
import org.visawaiver.impact.estimate.inference.Inference;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.inference.GravityCorrection;
import org.visawaiver.impact.estimate.inference.WeidnerZylkin;
import org.visawaiver.impact.estimate.frame.ModelFrameBuilder;
import org.visawaiver.impact.estimate.frame.ObservationFilter;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.ols.WithinOls;
import org.visawaiver.impact.estimate.ppml.PoissonIrls;
import org.visawaiver.impact.estimate.ppml.ReluSeparation;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.Estimator;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.Gravity;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.estimate.vcov.VcovEstimator;
import org.visawaiver.impact.estimate.exec.CacheScope;

/** Fits one model: model frame, observation filters, estimator, variance, result. */
public final class ModelFitter {
  /** The estimator of each method (a lookup, not an if-chain). */
  private interface Fit {
    WeightedFit apply(ModelFrame frame, EstimationSettings settings, String model);
  }

  private static final Map<Estimator, Fit> FITS =
      Map.of(Estimator.PPML, PoissonIrls::fit, Estimator.OLS, WithinOls::fit);

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelFitter.class);

  /** The bootstrap p-value of a joint hypothesis R b = 0 under one of the fit's variances. */
  @FunctionalInterface
  public interface JointBootstrap {
    /**
     * @param variance position of the variance in the list given to the fit
     * @param r rows over the kept terms (the results' {@code terms()})
     * @return the p-value, NaN where that variance has no bootstrap (not one-way clustered)
     */
    double pValue(int variance, double[][] r);
  }

  /** What a caller computes on the estimation sample and the fit before they are released. */
  @FunctionalInterface
  public interface SampleInspector {
    void inspect(ModelFrame frame, List<String> terms, JointBootstrap bootstrap);
  }

  private ModelFitter() {}

  /**
   * The observations a model uses: model frame, then singletons and fixed-effect separation
   * (repeatedly), then for PPML regressor-driven separation (ReLU) and the first rules again.
   * Each step's frame is owned here until the next step has made its own; the last one's blocks
   * are the caller's to release.
   */
  public static ModelFrame prepare(Dataset<Row> panel, ModelSpec spec,
      EstimationSettings settings, List<VcovSpec> vcovs) {
    boolean poisson = spec.estimator() == Estimator.PPML;
    try (CacheScope cache = new CacheScope()) {
      long t0 = System.nanoTime();
      ModelFrame frame = own(cache, onExecutor(
          ModelFrameBuilder.build(panel, spec, settings, vcovs), settings, spec.name()));
      long t1 = System.nanoTime();
      frame = own(cache, ObservationFilter.apply(frame, settings.dropSingletons(), poisson));
      long t2 = System.nanoTime();
      LOG.info("model {}: model frame {} s, singletons/FE separation {} s", spec.name(),
          (t1 - t0) / 1e9, (t2 - t1) / 1e9);
      if (poisson && settings.separationRelu()) {
        ModelFrame separated = own(cache, ReluSeparation.apply(frame, settings));
        LOG.info("model {}: ReLU separation {} s", spec.name(), (System.nanoTime() - t2) / 1e9);
        if (separated.observations() < frame.observations()) {
          frame = own(cache, ObservationFilter.apply(separated, settings.dropSingletons(), true));
        } else {
          frame = separated;
        }
      }
      cache.handOver(frame.blocks());
      return frame;
    }
  }

  private static ModelFrame own(CacheScope cache, ModelFrame frame) {
    cache.own(frame.blocks());
    return frame;
  }

  /**
   * The frame's blocks on the executor estimate.executor chooses for their estimated size
   * ({@link Block#bytesPerRow}); the same frame when they stay where they are.
   */
  static ModelFrame onExecutor(ModelFrame frame, EstimationSettings settings, String model) {
    long bytes = frame.observations() * Block.bytesPerRow(frame.terms().size(),
        frame.layout().dimensions(), frame.clusterNames().size());
    Blocks<Block> placed = settings.executor().place(frame.blocks(), bytes, model);
    return placed == frame.blocks() ? frame
        : frame.with(placed, frame.observations(), frame.usedLevels(), Map.of(), List.of());
  }

  public static FitResult fit(Dataset<Row> panel, ModelSpec spec, EstimationSettings settings) {
    return fit(panel, spec, settings, List.of(spec.vcov())).get(0);
  }

  /**
   * Fits once and reports the result under each variance (fixest's summary(fit, vcov = ...)):
   * one result per variance, in order.
   */
  public static List<FitResult> fit(Dataset<Row> panel, ModelSpec spec,
      EstimationSettings settings, List<VcovSpec> vcovs) {
    return fit(panel, spec, settings, vcovs, frame -> { });
  }

  /**
   * As {@link #fit(Dataset, ModelSpec, EstimationSettings, List)}, showing the estimation sample
   * to {@code inspector} before it is released (the event study counts each cell's observations
   * in it, as fixest's sunab() aggregation weights).
   */
  public static List<FitResult> fit(Dataset<Row> panel, ModelSpec spec,
      EstimationSettings settings, List<VcovSpec> vcovs, Consumer<ModelFrame> inspector) {
    return fit(panel, spec, settings, vcovs, (frame, terms, boot) -> inspector.accept(frame));
  }

  /**
   * As above; the inspector also gets the kept terms and the bootstrap of joint hypotheses
   * ({@link FewClusterInference#jointWaldBootPValue}, with the draws of
   * {@code settings.bootstrap()} whatever its {@code terms}).
   */
  public static List<FitResult> fit(Dataset<Row> panel, ModelSpec spec,
      EstimationSettings settings, List<VcovSpec> vcovs, SampleInspector inspector) {
    boolean poisson = spec.estimator() == Estimator.PPML;
    panel.sparkSession().sparkContext().setJobGroup("estimate",
        spec.estimator().configName() + " " + spec.name() + ": " + spec.formula().outcome(), false);
    // The gravity columns i, j, t are numbered like cluster dimensions (ids for the corrections).
    Optional<Gravity> gravity = poisson ? spec.gravity() : Optional.empty();
    List<VcovSpec> frameVcovs = new ArrayList<>(vcovs);
    gravity.ifPresent(g -> g.columns().forEach(
        c -> frameVcovs.add(new VcovSpec.Cluster(List.of(FixedEffect.of(c))))));
    try (CacheScope cache = new CacheScope()) {
      ModelFrame frame = own(cache, prepare(panel, spec, settings, frameVcovs));
      WeightedFit fit = FITS.get(spec.estimator()).apply(frame, settings, spec.name());
      cache.own(fit.blocks());
      List<FitResult> results = results(spec, settings, vcovs, frame, fit, poisson, gravity);
      inspector.inspect(frame, results.get(0).terms(), (i, r) -> FewClusterInference
          .jointWaldBootPValue(frame, fit, vcovs.get(i), poisson,
              results.get(i).correction().nestedFixedEffects(), settings, settings.bootstrap(),
              r));
      return results;
    }
  }

  private static List<FitResult> results(ModelSpec spec, EstimationSettings settings,
      List<VcovSpec> vcovs, ModelFrame frame, WeightedFit fit, boolean poisson,
      Optional<Gravity> gravity) {
    int[] idx = LeastSquares.indices(fit.kept());
    List<String> terms = new ArrayList<>();
    List<String> droppedTerms = new ArrayList<>();
    double[] coef = new double[idx.length];
    for (int j = 0, p = 0; j < fit.kept().length; j++) {
      if (fit.kept()[j]) {
        terms.add(frame.terms().get(j));
        coef[p++] = fit.beta()[j];
      } else {
        droppedTerms.add(frame.terms().get(j));
      }
    }
    List<String> notes = new ArrayList<>(frame.notes());
    notes.addAll(fit.notes());
    Optional<GravityCorrection> wz =
        gravity.flatMap(g -> WeidnerZylkin.compute(frame, fit, g, notes));
    List<FitResult> results = new ArrayList<>();
    for (VcovSpec v : vcovs) {
      VcovEstimator.Variance var = VcovEstimator.compute(frame, fit, v, poisson);
      Inference inference = FewClusterInference.compute(frame, fit, v, poisson,
          var.correction().nestedFixedEffects(), settings, settings.bootstrap(),
          settings.compare().stream().map(WaiverTerms::of).toList(), spec.name());
      List<String> clusterNames = v instanceof VcovSpec.Cluster c
          ? c.dimensions().stream().map(FixedEffect::name).toList() : List.of();
      results.add(new FitResult(spec.name(), spec.estimator().configName(),
          spec.formula().text(), v.label(), terms, coef, var.vcov(),
          frame.observations(), frame.dropped(), droppedTerms, var.correction(),
          clusterNames, fit.iterations(), fit.demeanIterations(), fit.converged(),
          fit.deviance(), settings.demeanTol(), settings.irlsTol(), notes, wz, inference,
          settings.bootstrap().interval()));
    }
    return results;
  }
}
