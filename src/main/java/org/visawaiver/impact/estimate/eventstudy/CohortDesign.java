package org.visawaiver.impact.estimate.eventstudy;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.estimate.spec.EstimationException;

/**
 * Who is treated when, for the event study of one group D (Sun and Abraham 2021): a unit of D has
 * cohort g = its first period with treatment > 0 (reported outcome or not); a unit treated in its
 * first period is always-treated and left out (counted); every other unit is never-treated for D.
 * Rows of treated units get a cell column {@code event_cell} = "cohort|bin" (null in the reference
 * bin and for every other unit), and every row the treatment of the other groups,
 * {@code treatment * [group != D]}.
 *
 * <p>One small aggregation per unit over the panel (cached, reused for every group); the per-row
 * columns come from a broadcast join of D's units back to the panel.
 */
public final class CohortDesign implements AutoCloseable {
  /** The factor whose levels are the (cohort, bin) cells. */
  public static final String CELL = "event_cell";
  static final String INDEX = "_es_period";
  static final String FIRST = "_es_first";
  static final String COHORT = "_es_cohort";
  static final String COHORT_LABEL = "_es_cohort_label";
  static final String ALWAYS = "_es_always";
  /** Separates the cohort from the bin in a cell's level. */
  static final String SEPARATOR = "|";

  private final Dataset<Row> panel;
  private final EventColumns columns;
  private final RelativeBins bins;
  private final List<String> keys;
  private final Dataset<Row> units;
  private final String outcome;

  /**
   * One (cohort, bin) cell.
   *
   * @param level the value of {@link #CELL} on its rows, or null for a reference-bin cell
   * @param cohort the cohort's period as written in the panel
   * @param bin the relative bin's name
   * @param reportedRows panel rows of the cell with a reported outcome
   */
  public record Cell(String level, String cohort, String bin, long reportedRows) {}

  /**
   * The design of one group.
   *
   * @param group the group D
   * @param data the panel without D's always-treated units, with {@link #CELL} and the other
   *     groups' treatment column
   * @param otherTreatment the name of that column, or null when no other unit is ever treated
   * @param cells every (cohort, bin) cell with panel rows, the reference-bin cells included
   * @param treatedUnits units of D with a cohort (always-treated and a control cohort excluded)
   * @param cohorts distinct cohorts of those units
   * @param alwaysTreated units of D treated in their first period, left out
   * @param controlCohort the last cohort when it serves as the control (no never-treated unit in
   *     D), or null
   * @param skipped why the group has no event study, or null
   */
  public record Group(String group, Dataset<Row> data, String otherTreatment, List<Cell> cells,
      long treatedUnits, long cohorts, long alwaysTreated, String controlCohort,
      String skipped) {
    public Group {
      cells = List.copyOf(cells);
    }

    /** The cells that get a dummy: all but the reference bin's. */
    public List<Cell> dummyCells() {
      return cells.stream().filter(c -> c.level() != null).toList();
    }
  }

  /**
   * Reads the panel's units once; {@link #close()} releases them. {@code outcome} is the column
   * whose reported (non-null) rows {@link Cell#reportedRows()} counts.
   */
  public CohortDesign(Dataset<Row> panel, EventColumns columns, RelativeBins bins,
      String outcome) {
    requireColumns(panel, columns);
    this.columns = columns;
    this.outcome = outcome;
    this.bins = bins;
    LinkedHashSet<String> k = new LinkedHashSet<>(columns.unit().columns());
    k.add(columns.group());
    this.keys = List.copyOf(k);
    this.panel = panel.withColumn(INDEX, periodIndex(panel, columns.period()));
    checkPeriods(this.panel, columns.period());
    Column treated = col(columns.treatment()).gt(0);
    this.units = this.panel.groupBy(keys.stream().map(c -> col(c)).toArray(Column[]::new))
        .agg(min(col(INDEX)).as(FIRST),
            min(when(treated, struct(col(INDEX).as("i"),
                col(columns.period()).cast(DataTypes.StringType).as("p")))).as("_es_g"))
        .select(keysWith(col(FIRST), col("_es_g.i").as(COHORT), col("_es_g.p").as(COHORT_LABEL)))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  public RelativeBins bins() {
    return bins;
  }

  /**
   * The design for group D. With {@code controlsWithinGroup} (the model has a group x period fixed
   * effect, so only units of D compare with units of D) and no never-treated unit in D, the last
   * cohort serves as the control (Sun and Abraham 2021, section 4.1): its units get no dummies
   * and D's rows from its first treated period on are left out; with a single cohort there is no
   * control and the group is skipped ({@link Group#skipped()}).
   */
  public Group forGroup(String group, boolean controlsWithinGroup) {
    Column inGroup = col(columns.group()).equalTo(lit(group));
    Column switches = inGroup.and(col(COHORT).gt(col(FIRST)));
    Row counts = units.agg(
        sum(when(switches, 1L).otherwise(0L)),
        countDistinct(when(switches, col(COHORT))),
        sum(when(inGroup.and(col(COHORT).equalTo(col(FIRST))), 1L).otherwise(0L)),
        max(when(not(inGroup).and(col(COHORT).isNotNull()), 1).otherwise(0)),
        sum(when(inGroup.and(col(COHORT).isNull()), 1L).otherwise(0L)),
        max(when(switches, col(COHORT))))
        .first();
    long treatedUnits = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long cohorts = counts.getLong(1);
    long always = counts.isNullAt(2) ? 0 : counts.getLong(2);
    boolean othersTreated = !counts.isNullAt(3) && counts.getInt(3) == 1;
    long never = counts.isNullAt(4) ? 0 : counts.getLong(4);
    Integer lastCohort = null;
    String controlCohort = null;
    if (controlsWithinGroup && never == 0 && treatedUnits > 0) {
      if (cohorts < 2) {
        return new Group(group, null, null, List.of(), treatedUnits, cohorts, always, null,
            "no unit of " + columns.group() + " = " + group + " is never treated and all "
                + treatedUnits + " switching units share one cohort: with a " + columns.group()
                + " x " + columns.period() + " fixed effect nothing compares them");
      }
      lastCohort = counts.getInt(5);
      Row last = units.where(switches.and(col(COHORT).equalTo(lastCohort)))
          .agg(count(lit(1)), min(col(COHORT_LABEL))).first();
      treatedUnits -= last.getLong(0);
      cohorts -= 1;
      controlCohort = last.getString(1);
    }

    Column cohort = lastCohort == null ? col(COHORT)
        : when(col(COHORT).notEqual(lit(lastCohort)), col(COHORT));
    Dataset<Row> ofGroup = units.where(inGroup)
        .select(keysWith(cohort.as(COHORT), when(cohort.isNotNull(), col(COHORT_LABEL))
            .as(COHORT_LABEL), col(COHORT).equalTo(col(FIRST)).as(ALWAYS)));
    Dataset<Row> joined = panel.join(broadcast(ofGroup),
        scala.collection.JavaConverters.asScalaBuffer(keys).toSeq(), "left");
    Column rel = col(INDEX).minus(col(COHORT));
    Column bin = when(rel.lt(-bins.leads()), lit(RelativeBins.PRE))
        .when(rel.gt(bins.lags()), lit(RelativeBins.POST))
        .otherwise(floor(rel.divide(bins.width())).multiply(bins.width())
            .cast(DataTypes.LongType).cast(DataTypes.StringType));
    String reference = bins.reference().name();
    if (lastCohort != null) {
      joined = joined.where(not(inGroup.and(col(INDEX).geq(lastCohort))));
    }
    Dataset<Row> withBins = joined
        .where(col(ALWAYS).isNull().or(not(col(ALWAYS))))
        .withColumn("_es_bin", when(col(COHORT).isNotNull(), bin));
    String other = othersTreated ? columns.treatment() + "_not_" + group : null;
    Dataset<Row> data = withBins.withColumn(CELL,
        when(col("_es_bin").isNotNull().and(col("_es_bin").notEqual(lit(reference))),
            concat(col(COHORT_LABEL), lit(SEPARATOR), col("_es_bin"))));
    if (other != null) {
      data = data.withColumn(other, when(inGroup, lit(0.0))
          .otherwise(col(columns.treatment()).cast(DataTypes.DoubleType)));
    }
    List<Cell> cells = new ArrayList<>();
    for (Row r : data.where(col("_es_bin").isNotNull())
        .groupBy(col(COHORT_LABEL), col("_es_bin"), col(CELL))
        .agg(count(col(outcome)))
        .collectAsList()) {
      cells.add(new Cell(r.getString(2), r.getString(0), r.getString(1), r.getLong(3)));
    }
    cells.sort(java.util.Comparator.comparing(Cell::cohort).thenComparing(c -> order(c.bin())));
    return new Group(group, data.drop(INDEX, COHORT, COHORT_LABEL, ALWAYS, "_es_bin"), other,
        cells, treatedUnits, cohorts, always, controlCohort, null);
  }

  private int order(String bin) {
    return bins.all().stream().map(RelativeBins.Bin::name).toList().indexOf(bin);
  }

  private Column[] keysWith(Column... more) {
    List<Column> c = new ArrayList<>();
    keys.forEach(k -> c.add(col(k)));
    c.addAll(List.of(more));
    return c.toArray(Column[]::new);
  }

  /** YYYY-MM months as year * 12 + month - 1; integer periods as they are. */
  static Column periodIndex(Dataset<Row> panel, String period) {
    Column p = col(period);
    if (panel.schema().apply(period).dataType() instanceof StringType) {
      Column month = substring(p, 1, 4).cast(DataTypes.IntegerType).multiply(12)
          .plus(substring(p, 6, 2).cast(DataTypes.IntegerType)).minus(1);
      return when(p.rlike("^[0-9]{4}-[0-9]{2}$"), month)
          .otherwise(p.cast(DataTypes.IntegerType));
    }
    return p.cast(DataTypes.IntegerType);
  }

  private static void checkPeriods(Dataset<Row> panel, String period) {
    List<Row> bad = panel.where(col(INDEX).isNull().and(col(period).isNotNull()))
        .select(col(period).cast(DataTypes.StringType)).limit(3).collectAsList();
    if (!bad.isEmpty()) {
      throw new EstimationException("event study: period column \"" + period + "\" must hold YYYY-MM "
          + "months or integers, found " + bad.stream().map(r -> "\"" + r.getString(0) + "\"")
          .toList() + "; fix the panel; no event study was run");
    }
  }

  private static void requireColumns(Dataset<Row> panel, EventColumns columns) {
    List<String> have = List.of(panel.columns());
    for (String c : columns.all()) {
      if (!have.contains(c)) {
        throw new EstimationException("event study: column \"" + c + "\" is not in the panel "
            + "(columns: " + String.join(", ", have) + "); the event study needs " + columns.all()
            + "; no event study was run");
      }
    }
  }

  @Override
  public void close() {
    units.unpersist(false);
  }
}
