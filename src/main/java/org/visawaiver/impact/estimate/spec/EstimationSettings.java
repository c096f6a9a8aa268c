package org.visawaiver.impact.estimate.spec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.estimate.exec.ExecutorSettings;

/**
 * The {@code estimate} section of the configuration as a typed, immutable value.
 *
 * @param models the models to fit; the first is the default
 * @param compare destinations whose waiver effects are compared (Wald test)
 * @param demeanTol stopping rule of the fixed-effect solver (see docs/estimation.md)
 * @param demeanMaxIterations cap on solver iterations per demeaning
 * @param irlsTol PPML stops when |dev - dev_prev| / (0.1 + |dev|) is below it (fixest's rule)
 * @param irlsMaxIterations cap on IRLS iterations
 * @param broadcastMaxLevels largest fixed effect whose level table is broadcast; a larger one is
 *     absorbed inside partitions of data partitioned by it
 * @param dropSingletons drop observations alone in a fixed-effect level (iteratively)
 * @param collinearityTol a regressor whose residual variance, after the fixed effects and the
 *     regressors before it, is below this share of its variance is dropped
 * @param separationRelu detect regressor-driven separation (ReLU method) before PPML
 * @param partitions number of data partitions for estimation; 0: Spark's default parallelism (input
 *     with more partitions is coalesced to it)
 * @param eventStudy event-study settings
 * @param bootstrap few-cluster inference: bootstrap draws, seed, weights, terms; the reported
 *     interval
 * @param executor which executor runs the passes over the blocks (estimate.executor,
 *     estimate.local-heap-share)
 */
public record EstimationSettings(
    List<ModelSpec> models,
    List<String> compare,
    double demeanTol,
    int demeanMaxIterations,
    double irlsTol,
    int irlsMaxIterations,
    long broadcastMaxLevels,
    boolean dropSingletons,
    double collinearityTol,
    boolean separationRelu,
    int partitions,
    EventStudySettings eventStudy,
    BootstrapSettings bootstrap,
    ExecutorSettings executor) {

  public EstimationSettings {
    models = List.copyOf(models);
    compare = List.copyOf(compare);
  }

  /**
   * The event study's binning (estimate.event-study); the columns it reads are given by the caller.
   *
   * @param enabled write event_study.csv and event_study_summary.csv
   * @param leads relative periods before the cohort binned individually; earlier ones are {@code pre}
   * @param lags relative periods after the cohort binned individually; later ones are {@code post}
   * @param binWidth periods per bin
   */
  public record EventStudySettings(boolean enabled, int leads, int lags, int binWidth) {
    public EventStudySettings {
      if (leads < 1 || lags < 0 || binWidth < 1) {
        throw new EstimationException("estimate.event-study: leads must be >= 1, lags >= 0 and "
            + "bin-width >= 1, found leads = " + leads + ", lags = " + lags + ", bin-width = "
            + binWidth + "; the event study was not run");
      }
    }

    static EventStudySettings from(Config es) {
      return new EventStudySettings(es.getBoolean("enabled"), es.getInt("leads"),
          es.getInt("lags"), es.getInt("bin-width"));
    }
  }

  /** Reads the {@code estimate} section; a missing or ill-typed key names itself. */
  public static EstimationSettings from(Config section) {
    try {
      List<ModelSpec> models = new ArrayList<>();
      List<? extends Config> list = section.getConfigList("models");
      for (int i = 0; i < list.size(); i++) {
        Config m = list.get(i);
        String name = m.hasPath("name") ? m.getString("name") : "model" + (i + 1);
        models.add(
            ModelSpec.of(
                name,
                m.hasPath("estimator") ? m.getString("estimator") : "ppml",
                m.getString("formula"),
                m.hasPath("vcov") ? m.getString("vcov") : "cluster(origin^destination)",
                m.hasPath("gravity") ? m.getStringList("gravity") : List.of()));
      }
      if (models.isEmpty()) {
        throw new EstimationException("estimate.models is empty; configure at least one model");
      }
      if (models.stream().map(ModelSpec::name).distinct().count() != models.size()) {
        throw new EstimationException("estimate.models: model names must be unique, found "
            + models.stream().map(ModelSpec::name).toList());
      }
      Config es = section.getConfig("event-study");
      return new EstimationSettings(
          models,
          section.getStringList("compare"),
          positive(section, "demean-tol"),
          section.getInt("demean-max-iterations"),
          positive(section, "irls-tol"),
          section.getInt("irls-max-iterations"),
          section.getLong("broadcast-max-levels"),
          section.getBoolean("drop-singletons"),
          positive(section, "collinearity-tol"),
          section.getBoolean("separation-relu"),
          section.getInt("partitions"),
          EventStudySettings.from(es),
          BootstrapSettings.from(section),
          executor(section));
    } catch (ConfigException e) {
      throw new EstimationException("configuration, section estimate: " + e.getMessage()
          + "; see conf/application.conf for every key with its default", e);
    }
  }

  private static ExecutorSettings executor(Config section) {
    try {
      return ExecutorSettings.of(section.getString("executor"),
          section.getDouble("local-heap-share"));
    } catch (IllegalArgumentException e) {
      throw new EstimationException(e.getMessage(), e);
    }
  }

  private static double positive(Config c, String key) {
    double v = c.getDouble(key);
    if (!(v > 0)) {
      throw new EstimationException("estimate." + key + " must be positive, found " + v);
    }
    return v;
  }

  /** A copy with other models (tests, event study). */
  public EstimationSettings withModels(List<ModelSpec> other) {
    return new EstimationSettings(other, compare, demeanTol, demeanMaxIterations, irlsTol,
        irlsMaxIterations, broadcastMaxLevels, dropSingletons, collinearityTol, separationRelu,
        partitions, eventStudy, bootstrap, executor);
  }

  /** A copy whose passes run on another executor (tests run the golden cases on both). */
  public EstimationSettings withExecutor(ExecutorSettings other) {
    return new EstimationSettings(models, compare, demeanTol, demeanMaxIterations, irlsTol,
        irlsMaxIterations, broadcastMaxLevels, dropSingletons, collinearityTol, separationRelu,
        partitions, eventStudy, bootstrap, other);
  }

  /**
   * A copy that bootstraps no term (treated and effective clusters are still computed): for fits
   * whose bootstrap columns are not written (the event study's cell models).
   */
  public EstimationSettings withoutBootstrap() {
    BootstrapSettings b = bootstrap;
    return new EstimationSettings(models, compare, demeanTol, demeanMaxIterations, irlsTol,
        irlsMaxIterations, broadcastMaxLevels, dropSingletons, collinearityTol, separationRelu,
        partitions, eventStudy, new BootstrapSettings(b.draws(), b.seed(), b.weights(), "none",
            b.restrictedPpml(), b.maxClusters(), b.spreadClusters(), b.interval()), executor);
  }
}
