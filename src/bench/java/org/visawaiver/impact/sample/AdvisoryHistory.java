package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample's advisories: the real ones of facts.md and of the US/Canada/Australia change log in
 * the reference data (levels mapped onto 1..4: "normal precautions" 1, "increased / high degree of
 * caution" 2), plus labelled synthetic episodes that give the advisory effect variation.
 */
final class AdvisoryHistory {
  private static final String JOONGANG = "Korea JoongAng Daily 2025-12-04";
  private static final String CHANGE_LOG =
      "data/travel_advisory_changes_US-CA-AU_for_KHM-VNM-THA-LAO_2025-2026.csv (from marcolussetti/travel-advisories)";

  private AdvisoryHistory() {}

  static List<AdvisoryEvent> build() {
    List<AdvisoryEvent> rows = new ArrayList<>();
    for (String region : List.of("Bokor (Kampot)", "Bavet", "Poipet")) {
      rows.add(new AdvisoryEvent("KOR", "KHM", 4, d("2025-10-16"), null, region,
          "level 4 travel ban from 16 October 2025 (" + JOONGANG + ")"));
    }
    String lowered = "lowered on 4 December 2025 (" + JOONGANG + "; seed article)";
    String assumedStart = "; start on 16 October 2025 assumed (same announcement as the bans)";
    rows.add(new AdvisoryEvent("KOR", "KHM", 2.5, d("2025-10-16"), d("2025-12-03"), "Phnom Penh",
        "special travel advisory (2.5) before it was " + lowered + assumedStart));
    rows.add(new AdvisoryEvent("KOR", "KHM", 2, d("2025-12-04"), null, "Phnom Penh", "2.5 -> 2 " + lowered));
    rows.add(new AdvisoryEvent("KOR", "KHM", 2, d("2025-10-16"), d("2025-12-03"), "Siem Reap",
        "level 2 before it was " + lowered + assumedStart));
    rows.add(new AdvisoryEvent("KOR", "KHM", 1, d("2025-12-04"), null, "Siem Reap", "2 -> 1 " + lowered));

    for (String destination : List.of("KHM", "THA")) {
      rows.add(new AdvisoryEvent("USA", destination, 1, d("2023-07-24"), d("2025-07-24"), null,
          "Level 1 (last updated 2023-07-24) " + CHANGE_LOG));
      rows.add(new AdvisoryEvent("USA", destination, 2, d("2025-07-25"), null, null,
          "Level 1 -> 2 on 25 July 2025 " + CHANGE_LOG));
    }
    rows.add(new AdvisoryEvent("USA", "LAO", 2, d("2024-11-21"), null, null, "Level 2 (updated 2024-11-21) " + CHANGE_LOG));
    rows.add(new AdvisoryEvent("USA", "VNM", 1, d("2024-12-16"), null, null, "Level 1 (updated 2024-12-16) " + CHANGE_LOG));
    rows.add(new AdvisoryEvent("AUS", "KHM", 1, d("2024-11-29"), null, null, "normal safety precautions (1) " + CHANGE_LOG));
    rows.add(new AdvisoryEvent("AUS", "LAO", 1, d("2025-02-28"), null, null, "normal safety precautions (1) " + CHANGE_LOG));
    rows.add(new AdvisoryEvent("AUS", "THA", 2, d("2025-03-11"), null, null, "high degree of caution (2) " + CHANGE_LOG));
    rows.add(new AdvisoryEvent("AUS", "VNM", 1, d("2024-12-19"), null, null, "normal safety precautions (1) " + CHANGE_LOG));
    for (String destination : List.of("KHM", "LAO", "THA", "VNM")) {
      rows.add(new AdvisoryEvent("CAN", destination, 2, d("2025-03-06"), null, null,
          "high degree of caution (2), updated 2025-03-06 " + CHANGE_LOG));
    }

    String protests = "synthetic: modelled on advisories during Bangkok's 2010 protests";
    String coup = "synthetic: modelled on advisories after Thailand's 2014 coup";
    String border = "synthetic: modelled on the 2008 Preah Vihear border dispute";
    for (String issuer : List.of("KOR", "JPN", "USA", "GBR", "AUS", "FRA", "DEU", "CAN", "NZL")) {
      rows.add(new AdvisoryEvent(issuer, "THA", 3, d("2010-04-10"), d("2010-05-31"), "Bangkok", protests));
      rows.add(new AdvisoryEvent(issuer, "THA", 2, d("2014-05-22"), d("2014-12-31"), null, coup));
    }
    for (String issuer : List.of("KOR", "JPN", "USA", "AUS")) {
      rows.add(new AdvisoryEvent(issuer, "KHM", 2, d("2008-07-15"), d("2009-03-31"), "Preah Vihear", border));
    }
    rows.add(new AdvisoryEvent("KOR", "PHL", 3, d("2017-05-23"), d("2019-12-31"), "Mindanao",
        "synthetic: modelled on advisories for Mindanao"));
    return rows;
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }
}
