package org.visawaiver.impact.estimate.eventstudy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** event_study_summary.csv's note: a warning below 10 treated pairs, empty from 10 on. */
class FewTreatedNoteTest {
  @Test
  void warnsBelowTenTreatedPairs() {
    assertEquals("only 1 treated pair (fewer than 10): the cluster-robust ATT interval is too narrow, "
        + "the chi-squared pre-trend test over-rejects and its bootstrap p-value is conservative "
        + "(it has almost no power); read all three as descriptive",
        EventStudyWriter.fewTreatedNote(1));
    assertEquals("only 9 treated pairs (fewer than 10): the cluster-robust ATT interval is too "
        + "narrow, the chi-squared pre-trend test over-rejects and its bootstrap p-value is "
        + "conservative (it has almost no power); read all three as descriptive",
        EventStudyWriter.fewTreatedNote(9));
  }

  @Test
  void saysNothingFromTenTreatedPairsOn() {
    assertEquals("", EventStudyWriter.fewTreatedNote(10));
    assertEquals("", EventStudyWriter.fewTreatedNote(246));
  }
}
