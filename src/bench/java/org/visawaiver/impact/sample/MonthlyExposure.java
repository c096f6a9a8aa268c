package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.visawaiver.impact.domain.ReferenceStay;

/**
 * The panel's regressors for one (destination, origin, month), computed the plain way, day by day:
 * a second, independent implementation of the contract's definitions (the job computes them from
 * interval/month overlaps in Spark). Used to generate the sample and to cross-check the panel.
 *
 * @param advisoryLevel highest level of any advisory (v1 advisory_level)
 * @param nationalLevel highest level among advisories without a region
 * @param regionalLevel highest level among advisories for a region
 */
record MonthlyExposure(double waiverShare, double stayLog, double advisoryLevel, double evisaShare, double voaShare,
    double nationalLevel, double regionalLevel) {
  static MonthlyExposure of(YearMonth month, List<PolicyEvent> pairPolicy, List<AdvisoryEvent> pairAdvisories) {
    int days = month.lengthOfMonth();
    double free = 0;
    double stay = 0;
    double evisa = 0;
    double voa = 0;
    double advisory = 0;
    double national = 0;
    double regional = 0;
    for (int day = 1; day <= days; day++) {
      LocalDate date = month.atDay(day);
      for (PolicyEvent p : pairPolicy) {
        if (p.covers(date)) {
          switch (p.regime()) {
            case "visa_free" -> {
              free++;
              stay += ReferenceStay.logRatio(p.stayDays());
            }
            case "evisa" -> evisa++;
            case "visa_on_arrival" -> voa++;
            default -> { }
          }
        }
      }
      double highest = 0;
      double highestNational = 0;
      double highestRegional = 0;
      for (AdvisoryEvent a : pairAdvisories) {
        if (a.covers(date)) {
          highest = Math.max(highest, a.level());
          if (a.region() == null || a.region().isBlank()) {
            highestNational = Math.max(highestNational, a.level());
          } else {
            highestRegional = Math.max(highestRegional, a.level());
          }
        }
      }
      advisory += highest;
      national += highestNational;
      regional += highestRegional;
    }
    return new MonthlyExposure(free / days, stay / days, advisory / days, evisa / days, voa / days, national / days,
        regional / days);
  }
}
