package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The countries of the sample and the synthetic ingredients of its arrivals: capital coordinates
 * (for a gravity-style distance decay), illustrative outbound weights, growth, seasonality and the
 * 2020-2022 collapse. None of these numbers is data; they only give the synthetic series a
 * plausible shape before they are calibrated to real annual totals.
 */
final class SampleWorld {
  static final List<String> DESTINATIONS =
      List.of("KHM", "VNM", "THA", "LAO", "MYS", "SGP", "IDN", "PHL", "MMR", "BRN", "HKG", "MAC", "MNG", "TLS");
  static final List<String> ORIGINS =
      List.of("KOR", "USA", "JPN", "AUS", "CHN", "GBR", "FRA", "DEU", "RUS", "IND", "CAN", "NZL", "MYS", "SGP",
          "VNM", "THA", "LAO", "PHL");
  static final YearMonth FIRST_MONTH = YearMonth.of(2005, 1);
  static final YearMonth LAST_MONTH = YearMonth.of(2025, 12);
  static final LocalDate SAMPLE_START = FIRST_MONTH.atDay(1);

  /** Capital (latitude, longitude), degrees. */
  private static final Map<String, double[]> CAPITALS = Map.ofEntries(
      Map.entry("KHM", new double[] {11.56, 104.92}), Map.entry("VNM", new double[] {21.03, 105.85}),
      Map.entry("THA", new double[] {13.76, 100.50}), Map.entry("LAO", new double[] {17.97, 102.63}),
      Map.entry("MYS", new double[] {3.14, 101.69}), Map.entry("SGP", new double[] {1.35, 103.82}),
      Map.entry("IDN", new double[] {-6.21, 106.85}), Map.entry("PHL", new double[] {14.60, 120.98}),
      Map.entry("MMR", new double[] {19.76, 96.08}), Map.entry("BRN", new double[] {4.94, 114.95}),
      Map.entry("HKG", new double[] {22.32, 114.17}), Map.entry("MAC", new double[] {22.20, 113.54}),
      Map.entry("MNG", new double[] {47.89, 106.91}), Map.entry("TLS", new double[] {-8.56, 125.57}),
      Map.entry("KOR", new double[] {37.57, 126.98}), Map.entry("USA", new double[] {38.91, -77.04}),
      Map.entry("JPN", new double[] {35.68, 139.69}), Map.entry("AUS", new double[] {-35.28, 149.13}),
      Map.entry("CHN", new double[] {39.90, 116.40}), Map.entry("GBR", new double[] {51.51, -0.13}),
      Map.entry("FRA", new double[] {48.86, 2.35}), Map.entry("DEU", new double[] {52.52, 13.40}),
      Map.entry("RUS", new double[] {55.76, 37.62}), Map.entry("IND", new double[] {28.61, 77.21}),
      Map.entry("CAN", new double[] {45.42, -75.70}), Map.entry("NZL", new double[] {-41.29, 174.78}));

  /** Illustrative outbound weights (relative sizes of the source markets). */
  private static final Map<String, Double> OUTBOUND = Map.ofEntries(
      Map.entry("CHN", 10.0), Map.entry("KOR", 3.0), Map.entry("JPN", 2.5), Map.entry("USA", 2.5),
      Map.entry("AUS", 1.2), Map.entry("GBR", 1.2), Map.entry("FRA", 0.8), Map.entry("DEU", 0.9),
      Map.entry("RUS", 0.7), Map.entry("IND", 1.5), Map.entry("CAN", 0.5), Map.entry("NZL", 0.25),
      Map.entry("MYS", 1.2), Map.entry("SGP", 0.9), Map.entry("VNM", 1.0), Map.entry("THA", 1.1),
      Map.entry("LAO", 0.4), Map.entry("PHL", 0.6));

  /** Yearly growth of each source market until 2019 (log points). */
  private static final Map<String, Double> GROWTH = Map.ofEntries(
      Map.entry("CHN", 0.10), Map.entry("IND", 0.08), Map.entry("VNM", 0.08), Map.entry("KOR", 0.05),
      Map.entry("JPN", 0.0), Map.entry("RUS", 0.04), Map.entry("LAO", 0.06), Map.entry("PHL", 0.05));

  /** Pairs with a land border or a very close tie: day trips and overland travel. */
  private static final Set<String> NEIGHBOURS = Set.of(
      "KHM-THA", "KHM-VNM", "KHM-LAO", "LAO-THA", "LAO-VNM", "LAO-CHN", "VNM-CHN", "MYS-SGP", "MYS-THA",
      "MMR-THA", "MMR-CHN", "HKG-CHN", "MAC-CHN", "MNG-CHN", "IDN-MYS", "BRN-MYS", "TLS-AUS", "SGP-MYS",
      "THA-MYS", "THA-LAO", "VNM-KHM", "THA-KHM", "LAO-KHM", "THA-MMR", "VNM-LAO", "IDN-SGP");

  private SampleWorld() {}

  static double gravity(String destination, String origin) {
    double[] a = CAPITALS.get(destination);
    double[] b = CAPITALS.getOrDefault(origin, a);
    double km = greatCircleKm(a[0], a[1], b[0], b[1]);
    double border = NEIGHBOURS.contains(destination + "-" + origin) ? 3.0 : 1.0;
    return OUTBOUND.get(origin) * Math.exp(-km / 3000.0) * border;
  }

  static double growth(String origin) {
    return GROWTH.getOrDefault(origin, 0.03);
  }

  /** Destination seasonality: high season November to March (peak January). */
  static double destinationSeason(String destination, int month) {
    double amplitude = destination.equals("MNG") ? -0.5 : 0.22;
    return Math.exp(amplitude * Math.cos(2 * Math.PI * (month - 1) / 12.0));
  }

  /** Origin seasonality: winter and summer holidays; southern-hemisphere markets travel mid-year. */
  static double originSeason(String origin, int month) {
    double phase = Set.of("AUS", "NZL").contains(origin) ? 6 : 0;
    double summer = Set.of("KOR", "JPN", "CHN", "GBR", "FRA", "DEU", "USA", "CAN", "RUS").contains(origin) ? 0.12 : 0.04;
    return Math.exp(0.12 * Math.cos(2 * Math.PI * (month - 1 - phase) / 12.0)
        + summer * Math.cos(2 * Math.PI * (month - 7.5) / 3.0) * (month >= 7 && month <= 8 ? 1 : 0));
  }

  /** Destination side of the 2020-2022 collapse and recovery (share of normal traffic). */
  static double covidDestination(YearMonth m) {
    if (m.isBefore(YearMonth.of(2020, 2))) {
      return 1.0;
    }
    if (m.equals(YearMonth.of(2020, 2))) {
      return 0.6;
    }
    if (m.equals(YearMonth.of(2020, 3))) {
      return 0.3;
    }
    if (m.isBefore(YearMonth.of(2022, 1))) {
      return 0.02;
    }
    if (m.getYear() == 2022) {
      return 0.05 + 0.5 * (m.getMonthValue() - 1) / 11.0;
    }
    if (m.getYear() == 2023) {
      return 0.6 + 0.3 * (m.getMonthValue() - 1) / 11.0;
    }
    return m.getYear() == 2024 ? 0.95 : 1.0;
  }

  /** China's outbound travel stayed closed until January 2023. */
  static double covidOrigin(String origin, YearMonth m) {
    if (!origin.equals("CHN") || m.isBefore(YearMonth.of(2020, 2)) || m.getYear() >= 2024) {
      return 1.0;
    }
    if (m.getYear() == 2023) {
      return 0.3 + 0.6 * (m.getMonthValue() - 1) / 11.0;
    }
    return 0.3;
  }

  /** Years of growth since 2005, frozen after 2019 (the recovery is in the COVID factors). */
  static double yearsOfGrowth(YearMonth m) {
    double t = m.getYear() - 2005 + (m.getMonthValue() - 1) / 12.0;
    return Math.min(t, 15.0);
  }

  private static double greatCircleKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
