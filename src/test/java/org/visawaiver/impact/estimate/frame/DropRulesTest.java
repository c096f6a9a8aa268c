package org.visawaiver.impact.estimate.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.EstimationException;

/**
 * The row rules both level-numbering paths apply (through {@link RawBlock}): which reason a row
 * is dropped for when several apply, and what is kept for PPML but dropped for OLS.
 */
class DropRulesTest {
  /** y, one regressor, one key column. */
  private static InternalRow row(Double y, Double x, String key) {
    return new GenericInternalRow(
        new Object[] {y, x, key == null ? null : UTF8String.fromString(key)});
  }

  private static final List<InternalRow> ROWS = List.of(
      row(1.0, 1.0, "a"),
      row(null, Double.NaN, null), // missing outcome first
      row(Double.NaN, 1.0, "a"),
      row(2.0, Double.NaN, "a"), // missing regressor
      row(2.0, null, "a"),
      row(2.0, 1.0, null), // missing key
      row(0.0, 1.0, "b"), // zero outcome: dropped for OLS only
      row(0.0, null, "b")); // missing first

  private static long[] counts(DropRules rules, boolean[] kept) {
    long[] counts = new long[DropRules.COUNTS];
    for (int i = 0; i < ROWS.size(); i++) {
      kept[i] = rules.keep(ROWS.get(i), counts);
    }
    return counts;
  }

  @Test
  void ppmlKeepsZerosAndDropsMissingByTheFirstRuleThatApplies() {
    boolean[] kept = new boolean[ROWS.size()];
    DropRules rules = new DropRules(1, 1, false);
    long[] counts = counts(rules, kept);
    assertArrayEquals(new boolean[] {true, false, false, false, false, false, true, false}, kept);
    assertArrayEquals(new long[] {2, 4, 1, 0}, counts);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(ModelFrameBuilder.MISSING_OUTCOME, 2L);
    expected.put(ModelFrameBuilder.MISSING_REGRESSOR, 4L);
    assertEquals(expected, rules.dropped(counts, "model \"m\"", "y"));
    assertEquals(1.0, rules.outcome(ROWS.get(0)), 0.0);
  }

  @Test
  void olsDropsNonPositiveOutcomesAndModelsTheLog() {
    boolean[] kept = new boolean[ROWS.size()];
    DropRules rules = new DropRules(1, 1, true);
    long[] counts = counts(rules, kept);
    assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false}, kept);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(ModelFrameBuilder.MISSING_OUTCOME, 2L);
    expected.put(ModelFrameBuilder.MISSING_REGRESSOR, 4L);
    expected.put(ModelFrameBuilder.ZERO_OUTCOME_FOR_LOG, 1L);
    assertEquals(expected, rules.dropped(counts, "model \"m\"", "y"));
    assertEquals(StrictMath.log(2.0), rules.outcome(row(2.0, 1.0, "a")), 0.0);
  }

  @Test
  void aNegativeOutcomeIsRefused() {
    long[] counts = new long[DropRules.COUNTS];
    DropRules rules = new DropRules(1, 1, false);
    assertEquals(true, rules.keep(row(-1.0, 1.0, "a"), counts));
    EstimationException e = assertThrows(EstimationException.class,
        () -> rules.dropped(counts, "model \"neg\"", "y"));
    assertEquals("model \"neg\": outcome y is negative in 1 rows; counts must be >= 0; "
        + "nothing was estimated", e.getMessage());
  }
}
