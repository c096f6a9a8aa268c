package org.visawaiver.impact.estimate;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.bench.SyntheticPanel;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.testing.SharedSpark;

class ScratchTest {
  @Test
  void scratch() {
    var panel = SyntheticPanel.generate(SharedSpark.spark(), new SyntheticPanel.Shape(30, 10, 120), 5L, 2).cache();
    EstimationSettings s = EstimationFixtures.settings();
    long t0 = System.nanoTime();
    FitResult f = ModelFitter.fit(panel, s.models().get(0), s);
    System.out.println("RESULT secs " + (System.nanoTime() - t0) / 1e9 + " iters " + f.iterations() + " demean " + f.demeanIterations());
    for (var r : f.table()) System.out.println("RESULT " + r.term() + " " + r.estimate() + " " + r.stdError());
  }
}
