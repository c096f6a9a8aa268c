package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.visawaiver.impact.domain.ReferenceStay;

/**
 * The panel's regressors for one (destination, origin, month), computed the plain way, day by day:
 * a second, independent implementation of the contract's definitions (the job computes them from
 * interval/month overlaps in Spark). Used to generate the sample and to cross-check the panel.
 */
record MonthlyExposure(double waiverShare, double stayLog, double advisoryLevel) {
  static MonthlyExposure of(YearMonth month, List<PolicyEvent> pairPolicy, List<AdvisoryEvent> pairAdvisories) {
    int days = month.lengthOfMonth();
    double free = 0;
    double stay = 0;
    double advisory = 0;
    for (int day = 1; day <= days; day++) {
      LocalDate date = month.atDay(day);
      for (PolicyEvent p : pairPolicy) {
        if (p.covers(date) && p.regime().equals("visa_free")) {
          free++;
          stay += ReferenceStay.logRatio(p.stayDays());
        }
      }
      double highest = 0;
      for (AdvisoryEvent a : pairAdvisories) {
        if (a.covers(date)) {
          highest = Math.max(highest, a.level());
        }
      }
      advisory += highest;
    }
    return new MonthlyExposure(free / days, stay / days, advisory / days);
  }
}
