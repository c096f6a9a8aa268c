package org.visawaiver.impact.estimate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.ModelSpec;

/**
 * The 18 separation data sets of ppmlhdfe (src/test/resources/reference/ppmlhdfe-separation,
 * MIT): the observations we drop as separated (fixed-effect levels with only zeros, then the ReLU
 * certificate, repeated) are exactly those with separated = 1. Singletons are kept here because
 * the reference marks separation only. Row identity travels as a cluster dimension.
 */
class SeparationTest {
  @TestFactory
  Stream<DynamicTest> allEighteenDataSets() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int set = 1; set <= 18; set++) {
      String name = String.format("%02d.csv", set);
      tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
    }
    return tests.stream();
  }

  private static void check(String name) {
    Dataset<Row> raw = EstimationFixtures.resource("/reference/ppmlhdfe-separation/" + name)
        .withColumn("row", monotonically_increasing_id());
    Dataset<Row> data = raw.withColumn("row_key", format_string("%08d", col("row")))
        .withColumn("one", lit(1.0));
    List<String> xs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String c : data.columns()) {
      if (c.matches("x\\d+")) {
        xs.add(c);
      } else if (c.matches("id\\d+")) {
        ids.add(c);
      }
    }
    String rhs = xs.isEmpty() ? "one" : String.join(" + ", xs);
    String formula = "y ~ " + rhs + (ids.isEmpty() ? "" : " | " + String.join(" + ", ids));
    ModelSpec spec = ModelSpec.of("sep", "ppml", formula, "cluster(row_key)");
    EstimationSettings settings =
        EstimationFixtures.settings(List.of("estimate.drop-singletons=false"));
    ModelFrame frame = ModelFitter.prepare(data, spec, settings, List.of(spec.vcov()));
    TreeSet<Long> keptRows = new TreeSet<>();
    for (Block b : frame.blocks().rdd().collect()) {
      for (long id : b.clusters[0]) {
        keptRows.add(id);
      }
    }
    frame.blocks().release();
    // Cluster ids number the sorted row keys, i.e. the rows in file order.
    List<Long> expectedSeparated = new ArrayList<>();
    List<Long> actualSeparated = new ArrayList<>();
    List<Row> rows = raw.orderBy("row").select("separated").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      if (((Number) rows.get(i).get(0)).intValue() == 1) {
        expectedSeparated.add((long) i);
      }
      if (!keptRows.contains((long) i)) {
        actualSeparated.add((long) i);
      }
    }
    assertEquals(expectedSeparated, actualSeparated, name + " (" + formula + ") dropped: "
        + frame.dropped());
  }
}
