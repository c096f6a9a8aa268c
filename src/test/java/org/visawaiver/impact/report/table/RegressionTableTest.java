package org.visawaiver.impact.report.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.report.outputs.CsvTable;

class RegressionTableTest {
  static final Path RUN = Path.of("src/test/resources/report/run");

  @Test
  void modelsSideBySideWithMarksSeIntervalsFixedEffectsAndStatistics(@TempDir Path dir) throws Exception {
    CsvTable coef = CsvTable.read(RUN, "estimates/coefficients.csv").orElseThrow();
    RegressionTable t = RegressionTable.of(coef, CsvTable.read(RUN, "estimates/model_summary.csv"));
    assertEquals(List.of("", "ppml", "ols"), t.header());
    // waiver:VNM, ppml: estimate 0.18841274347958478, p 1.399E-14, se 0.02448044620349859
    assertEquals(List.of("0.1884***", "0.2234***"), t.rows().get(0).cells());
    assertEquals(List.of("(0.0245)", "(0.0259)"), t.rows().get(1).cells());
    assertEquals("  95% interval", t.rows().get(2).label());
    assertEquals(List.of("[0.1404; 0.2364]", "[0.1724; 0.2745]"), t.rows().get(2).cells());
    assertTrue(t.rows().contains(new RegressionTable.Row(RegressionTable.Section.FIXED_EFFECT,
        "destination^month", List.of("Yes", "Yes"))));
    assertTrue(t.rows().contains(new RegressionTable.Row(RegressionTable.Section.STATISTIC,
        "Observations", List.of("61,776", "61,536"))));
    assertTrue(t.rows().contains(new RegressionTable.Row(RegressionTable.Section.STATISTIC,
        "Variance", List.of("cluster(origin^destination)", "cluster(origin^destination)"))));
    assertTrue(t.rows().contains(new RegressionTable.Row(RegressionTable.Section.STATISTIC,
        "Clusters", List.of("origin^destination=246", "origin^destination=246"))));
    RegressionTableWriter.write(dir, t);
    List<String> csv = Files.readAllLines(dir.resolve("regression_table.csv"));
    assertEquals("row,ppml,ols", csv.get(0));
    assertEquals("waiver:VNM,0.1884***,0.2234***", csv.get(1));
    String tex = Files.readString(dir.resolve("regression_table.tex"));
    assertTrue(tex.contains("\\begin{tabular}{lcc}\n\\toprule\n & ppml & ols \\\\\n\\midrule\n"), tex);
    assertTrue(tex.contains("advisory\\_level & $-$0.2229*** & $-$0.2350*** \\\\"), tex);
    assertTrue(tex.contains("origin\\^{}destination & Yes & Yes \\\\"), tex);
    assertTrue(Files.readString(dir.resolve("regression_table.html")).contains("<td>(0.0245)</td>"));
  }

  @Test
  void significanceMarksFollowFixestsThresholds() {
    assertEquals("***", RegressionTable.stars("0.0099"));
    assertEquals("**", RegressionTable.stars("0.01"));
    assertEquals("*", RegressionTable.stars("0.05"));
    assertEquals("", RegressionTable.stars("0.1"));
    assertEquals("***", RegressionTable.stars("1.939E-166"));
    assertEquals("", RegressionTable.stars(""));
  }
}
