package org.visawaiver.impact.estimate.eventstudy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.EstimationSettings.EventStudySettings;
import org.visawaiver.impact.estimate.spec.ModelFormula;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * Sun and Abraham's interaction-weighted event study for each compared group D (the design is in
 * {@link CohortDesign}): the default model with its {@code waiver_by()} term (and any term of the
 * treatment column) replaced by one dummy per (cohort, bin) cell except the reference bin, plus the
 * treatment of the other groups; same other regressors, fixed effects, estimator and variance.
 * The cell coefficients are aggregated by {@link SunAbrahamAggregation}. A group without units
 * that switch is skipped with a log line.
 */
public final class EventStudy {
  private static final Logger LOG = LoggerFactory.getLogger(EventStudy.class);

  private EventStudy() {}

  /**
   * One group's event study.
   *
   * @param model the default model's name
   * @param group the group D (compared destination)
   * @param fit the cell regression
   * @param cells every dummy cell with its estimation observations
   * @param aggregates the bins, the ATT and the pre-trend test
   * @param treatedUnits units of D with a cohort
   * @param cohorts their distinct cohorts
   * @param alwaysTreated units of D left out as always-treated
   */
  public record Result(String model, String group, FitResult fit,
      List<SunAbrahamAggregation.CellCount> cells, SunAbrahamAggregation.Aggregates aggregates,
      long treatedUnits, long cohorts, long alwaysTreated) {
    public Result {
      cells = List.copyOf(cells);
    }
  }

  /** The event studies of every group of {@code estimate.compare}, with the first model. */
  public static List<Result> run(Dataset<Row> panel, EventColumns columns,
      EstimationSettings settings) {
    return run(panel, columns, settings, settings.models().get(0), settings.compare());
  }

  /** The event studies of {@code groups} with {@code base}'s regressors, effects and variance. */
  public static List<Result> run(Dataset<Row> panel, EventColumns columns,
      EstimationSettings settings, ModelSpec base, List<String> groups) {
    return run(panel, columns, settings, base, groups, List.of(base.vcov()));
  }

  /**
   * As above, reported under each of {@code vcovs} (one fit per group): results in the order
   * group, then variance.
   */
  public static List<Result> run(Dataset<Row> panel, EventColumns columns,
      EstimationSettings settings, ModelSpec base, List<String> groups, List<VcovSpec> vcovs) {
    EventStudySettings es = settings.eventStudy();
    RelativeBins bins = new RelativeBins(es.leads(), es.lags(), es.binWidth());
    List<Result> results = new ArrayList<>();
    try (CohortDesign design = new CohortDesign(panel, columns, bins, base.formula().outcome())) {
      // With a group x period fixed effect only units of the same group compare with each other.
      boolean withinGroup = base.formula().fixedEffects().stream().anyMatch(fe ->
          fe.columns().contains(columns.group()) && fe.columns().contains(columns.period()));
      for (String group : groups) {
        CohortDesign.Group g = design.forGroup(group, withinGroup);
        if (g.controlCohort() != null) {
          LOG.info("event study for {}: no never-treated unit; the last cohort {} is the control "
              + "and {}'s periods from {} on are left out", group, g.controlCohort(), group,
              g.controlCohort());
        }
        results.addAll(estimate(design, g, base, columns, settings, vcovs));
      }
    }
    return results;
  }

  private static List<Result> estimate(CohortDesign design, CohortDesign.Group g, ModelSpec base,
      EventColumns es, EstimationSettings settings, List<VcovSpec> vcovs) {
    if (g.skipped() != null) {
      LOG.warn("event study for {} skipped: {}", g.group(), g.skipped());
      return List.of();
    }
    if (g.dummyCells().isEmpty()) {
      LOG.warn("event study for {} skipped: no unit of {} = {} switches to {} > 0 after its "
          + "first period ({} always-treated left out)", g.group(), es.group(), g.group(),
          es.treatment(), g.alwaysTreated());
      return List.of();
    }
    ModelSpec spec = cellModel(base, es, g);
    List<String> cellTerms = g.dummyCells().stream().map(c -> term(c.level())).toList();
    AtomicReference<List<SunAbrahamAggregation.CellCount>> counted = new AtomicReference<>();
    double[] bootP = new double[vcovs.size()];
    Arrays.fill(bootP, Double.NaN);
    boolean boot = !settings.bootstrap().terms().equals("none");
    List<FitResult> fits;
    try {
      // event_study.csv reports the cells' cluster variance: no bootstrap of the cell terms, only
      // of the joint pre-trend hypothesis
      fits = ModelFitter.fit(g.data(), spec, settings.withoutBootstrap(), vcovs,
          (frame, terms, joint) -> {
            counted.set(cellCounts(g, CellCounts.of(frame, cellTerms)));
            double[][] r = SunAbrahamAggregation.pretrendRestriction(terms, counted.get(),
                design.bins());
            for (int i = 0; boot && r.length > 0 && i < vcovs.size(); i++) {
              bootP[i] = joint.pValue(i, r);
            }
          });
    } catch (EstimationException e) {
      // The main estimates are written already; one group's event study must not stop the run.
      LOG.warn("event study for {} skipped: {}", g.group(), e.getMessage());
      return List.of();
    }
    List<SunAbrahamAggregation.CellCount> cells = counted.get();
    String ref = design.bins().reference().name();
    List<CohortDesign.Cell> refCells = g.cells().stream().filter(c -> c.bin().equals(ref)).toList();
    long refRows = refCells.stream().mapToLong(CohortDesign.Cell::reportedRows).sum();
    List<Result> out = new ArrayList<>();
    for (int i = 0; i < fits.size(); i++) {
      FitResult fit = fits.get(i);
      SunAbrahamAggregation.Aggregates agg = SunAbrahamAggregation.of(fit, cells, design.bins(),
          refCells.size(), refRows).withPretrendBootPValue(bootP[i]);
      LOG.info("event study {} ({}): {} cells, ATT {} (SE {}), pre-trend chi2({}) = {}, p = {}, "
          + "bootstrap p = {}", g.group(), fit.vcovLabel(), cells.size(), agg.att().estimate(),
          agg.att().stdError(), agg.pretrend().df(), agg.pretrend().wald(),
          agg.pretrend().pValue(), agg.pretrend().bootPValue());
      out.add(new Result(base.name(), g.group(), fit, cells, agg, g.treatedUnits(), g.cohorts(),
          g.alwaysTreated()));
    }
    return out;
  }

  /** Every dummy cell of D with its estimation observations. */
  private static List<SunAbrahamAggregation.CellCount> cellCounts(CohortDesign.Group g,
      Map<String, Long> counts) {
    List<SunAbrahamAggregation.CellCount> cells = new ArrayList<>();
    for (CohortDesign.Cell c : g.dummyCells()) {
      String term = term(c.level());
      cells.add(new SunAbrahamAggregation.CellCount(term, c.cohort(), c.bin(), counts.get(term)));
    }
    return cells;
  }

  /** The coefficient name of a cell. */
  static String term(String level) {
    return new Term.Interaction(CohortDesign.CELL, null, null).termName(level);
  }

  /** The base model with the cells in place of the treatment terms. */
  static ModelSpec cellModel(ModelSpec base, EventColumns es, CohortDesign.Group g) {
    List<Term> terms = new ArrayList<>();
    terms.add(new Term.Interaction(CohortDesign.CELL, null, null));
    if (g.otherTreatment() != null) {
      terms.add(new Term.Column(g.otherTreatment()));
    }
    for (Term t : base.formula().terms()) {
      if (!(t instanceof Term.WaiverBy) && !uses(t, es.treatment())) {
        terms.add(t);
      }
    }
    ModelFormula f = new ModelFormula(base.formula().outcome(), base.formula().outcomeLogged(),
        terms, base.formula().fixedEffects());
    // No Weidner-Zylkin correction of the cells: the aggregation uses the plain estimates.
    return new ModelSpec(base.name() + "_event_" + g.group(), base.estimator(), f, base.vcov(),
        Optional.empty());
  }

  private static boolean uses(Term t, String column) {
    if (t instanceof Term.Column c) {
      return c.column().equals(column);
    }
    if (t instanceof Term.Log l) {
      return l.column().equals(column);
    }
    if (t instanceof Term.Interaction i) {
      return i.factor().equals(column) || (i.value() != null && uses(i.value(), column));
    }
    return false;
  }
}
