package org.visawaiver.impact.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.spec.EstimationException;

class ExitStatusTest {
  @Test
  void estimationErrorsAreBadInputEvenWhenWrapped() {
    Exception wrapped = new RuntimeException("Job aborted",
        new EstimationException("model \"m\": outcome arrivals is negative in 3 rows; no model was fitted"));
    assertEquals(ExitStatus.BAD_INPUT, ExitStatus.of(wrapped));
    assertEquals("model \"m\": outcome arrivals is negative in 3 rows; no model was fitted", ExitStatus.describe(wrapped));
  }

  @Test
  void inputErrorsAreBadInputAndOthersFailures() {
    assertEquals(ExitStatus.BAD_INPUT, ExitStatus.of(new InputException("arrivals.csv: missing")));
    assertEquals(ExitStatus.FAILED, ExitStatus.of(new IllegalStateException("bug")));
    assertEquals("java.lang.IllegalStateException: bug", ExitStatus.describe(new IllegalStateException("bug")));
  }
}
