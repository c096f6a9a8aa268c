package org.visawaiver.impact.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sample's visa_policy rows. The real events of facts.md (with their sources) for KHM, VNM,
 * THA and LAO; every other pair gets the regime the Passport Index records on 2025-01-12 (MIT
 * licence), assumed since the sample start (a synthetic history, said so in its source cell); a few
 * synthetic waivers give the other destinations variation.
 */
final class PolicyHistory {
  static final String PASSPORT_INDEX = "Passport Index 2025-01-12 (passport-index-dataset, MIT)";
  private static final String PI_ASSUMED = PASSPORT_INDEX + "; in force since the sample start: assumed";
  private static final String SAMPLE_START_NOTE = "; start date = sample start (earlier start not modelled)";
  private static final Set<String> ASEAN_IN_KHM_2008 = Set.of("LAO", "MYS", "PHL", "SGP", "VNM");
  private static final List<String> VNM_2015 = List.of("DEU", "FRA", "GBR");
  private static final List<String> VNM_EXEMPT_BEFORE_2015 = List.of("KOR", "JPN", "RUS");
  private static final String SNAPSHOT_PANEL = "data/visa_requirements_panel_KOR-USA-JPN-AUS-CHN_to_KHM-VNM-THA-LAO";
  private static final Set<String> SNAPSHOT_PANEL_ORIGINS = Set.of("KOR", "USA", "JPN", "AUS", "CHN");

  private PolicyHistory() {}

  static List<PolicyEvent> build() {
    Map<String, String> passportIndex = loadPassportIndex();
    List<PolicyEvent> rows = new ArrayList<>();
    Set<String> handled = new HashSet<>();
    cambodia(rows, handled, passportIndex);
    vietnam(rows, handled, passportIndex);
    thailand(rows, handled, passportIndex);
    laos(rows, handled);
    syntheticWaivers(rows, handled, passportIndex);
    for (String d : SampleWorld.DESTINATIONS) {
      for (String o : SampleWorld.ORIGINS) {
        if (!d.equals(o) && !handled.contains(d + o)) {
          rows.add(fromPassportIndex(d, o, passportIndex.get(o + "," + d), SampleWorld.SAMPLE_START, null, PI_ASSUMED));
        }
      }
    }
    return rows;
  }

  private static void cambodia(List<PolicyEvent> rows, Set<String> handled, Map<String, String> pi) {
    String voa = "visa on arrival USD 30 (eturbonews; Phnom Penh Post Dec 2024)";
    for (String o : SampleWorld.ORIGINS) {
      handled.add("KHM" + o);
      if (ASEAN_IN_KHM_2008.contains(o)) {
        rows.add(new PolicyEvent("KHM", o, "visa_on_arrival", SampleWorld.SAMPLE_START, d("2007-12-31"), null, 30.0, voa));
        rows.add(new PolicyEvent("KHM", o, "visa_free", d("2008-01-01"), null, stay(pi.get(o + ",KHM")), 0.0,
            "ASEAN visa exemption from January 2008 (eTN / Phnom Penh Post Aug 2009); stay: " + PASSPORT_INDEX));
      } else if (o.equals("THA")) {
        rows.add(new PolicyEvent("KHM", o, "visa_on_arrival", SampleWorld.SAMPLE_START, d("2010-12-31"), null, 30.0, voa));
        rows.add(new PolicyEvent("KHM", o, "visa_free", d("2011-01-01"), null, stay(pi.get("THA,KHM")), 0.0,
            "exemption for Thailand planned next (eTN / Phnom Penh Post Aug 2009); start date 2011-01-01 synthetic; "
                + "stay: " + PASSPORT_INDEX));
      } else {
        // Visa on arrival suspended while Cambodia reopened: e-visa only (Passport Index snapshots).
        String evisa = (SNAPSHOT_PANEL_ORIGINS.contains(o) ? "" : "assumed as for KOR, USA, JPN, AUS, CHN: ")
            + "e-visa (USD 36) in the Passport Index snapshots from 2021-11-21, visa on arrival again from 2023-03-12 "
            + "(" + SNAPSHOT_PANEL + ")";
        rows.add(new PolicyEvent("KHM", o, "visa_on_arrival", SampleWorld.SAMPLE_START, d("2021-11-20"), null, 30.0, voa));
        rows.add(new PolicyEvent("KHM", o, "evisa", d("2021-11-21"), d("2023-03-11"), null, 36.0, evisa));
        rows.add(new PolicyEvent("KHM", o, "visa_on_arrival", d("2023-03-12"), null, null, 30.0, voa + "; " + evisa));
      }
    }
  }

  private static void vietnam(List<PolicyEvent> rows, Set<String> handled, Map<String, String> pi) {
    for (String o : SampleWorld.ORIGINS) {
      if (o.equals("VNM") || !"e-visa".equals(pi.get(o + ",VNM"))) {
        continue;
      }
      handled.add("VNM" + o);
      if (o.equals("CHN")) {
        String seen = "visa required in the Passport Index snapshot of 2022-04-10, e-visa from the one of 2023-09-03 ("
            + SNAPSHOT_PANEL + ")";
        rows.add(new PolicyEvent("VNM", o, "visa_required", SampleWorld.SAMPLE_START, d("2023-08-14"), null, null,
            seen + "; earlier years assumed"));
        rows.add(new PolicyEvent("VNM", o, "evisa", d("2023-08-15"), null, null, null,
            seen + "; start 2023-08-15 assumed (the date of the 45-day extension)"));
      } else {
        String label = "synthetic: modelled on Vietnam's e-visa pilot of February 2017; e-visa today ("
            + PASSPORT_INDEX + (SNAPSHOT_PANEL_ORIGINS.contains(o) ? "; snapshots from 2022-04-10, " + SNAPSHOT_PANEL : "")
            + ")";
        rows.add(new PolicyEvent("VNM", o, "visa_required", SampleWorld.SAMPLE_START, d("2017-01-31"), null, null, label));
        rows.add(new PolicyEvent("VNM", o, "evisa", d("2017-02-01"), null, null, null, label));
      }
    }
    String extension = "45-day stays from 15 August 2023, Resolution 128/NQ-CP (hnhconsultant.com; tuoitrenews.vn "
        + "2025-03-08); the 2025-2028 period of the seed article is a renewal (Resolution 44), not a new waiver";
    for (String o : VNM_EXEMPT_BEFORE_2015) {
      handled.add("VNM" + o);
      rows.add(new PolicyEvent("VNM", o, "visa_free", SampleWorld.SAMPLE_START, d("2023-08-14"), 15, 0.0,
          "15 days visa-free before 15 August 2023 (hnhconsultant.com; seed article)" + SAMPLE_START_NOTE));
      rows.add(new PolicyEvent("VNM", o, "visa_free", d("2023-08-15"), null, 45, 0.0, extension));
    }
    for (String o : VNM_2015) {
      handled.add("VNM" + o);
      rows.add(new PolicyEvent("VNM", o, "visa_required", SampleWorld.SAMPLE_START, d("2015-06-30"), null, null,
          "visa required before the 1 July 2015 waiver (vccinews.com news 33419)"));
      rows.add(new PolicyEvent("VNM", o, "visa_free", d("2015-07-01"), d("2023-08-14"), 15, 0.0,
          "15-day waiver from 1 July 2015 (vccinews.com news 33419)"));
      rows.add(new PolicyEvent("VNM", o, "visa_free", d("2023-08-15"), null, 45, 0.0, extension));
    }
  }

  private static void thailand(List<PolicyEvent> rows, Set<String> handled, Map<String, String> pi) {
    String scheme = "60-day visa exemption from 15 July 2024 (pattayamail.com 465720; Phnom Penh Post Dec 2024)";
    handled.add("THAKOR");
    rows.add(new PolicyEvent("THA", "KOR", "visa_free", d("1981-01-01"), null, 90, 0.0,
        "90 days visa-free under the 1981 bilateral agreement; the 2024 scheme did not change it (ttrweekly.com "
            + "2020-04; pattayamail.com 465720; corrects the seed article)"));
    handled.add("THACHN");
    rows.add(new PolicyEvent("THA", "CHN", "visa_on_arrival", SampleWorld.SAMPLE_START, d("2023-10-10"), null, null,
        PASSPORT_INDEX.replace("2025-01-12", "snapshots 2021-2023") + "; earlier years assumed"));
    rows.add(new PolicyEvent("THA", "CHN", "visa_free", d("2023-10-11"), d("2024-07-14"), 30, 0.0,
        "30 days visa-free first seen in the Passport Index snapshot of 2023-10-11 (data/visa_requirements_panel)"));
    rows.add(new PolicyEvent("THA", "CHN", "visa_free", d("2024-07-15"), null, 60, 0.0, scheme));
    for (String o : SampleWorld.ORIGINS) {
      if (o.equals("THA") || handled.contains("THA" + o) || !"60".equals(pi.get(o + ",THA"))) {
        continue;
      }
      handled.add("THA" + o);
      if (o.equals("IND")) {
        rows.add(new PolicyEvent("THA", o, "visa_on_arrival", SampleWorld.SAMPLE_START, d("2024-07-14"), null, null,
            "synthetic: visa on arrival before the 60-day scheme"));
        rows.add(new PolicyEvent("THA", o, "visa_free", d("2024-07-15"), null, 60, 0.0,
            scheme + "; India counted among the 36 added countries: synthetic"));
      } else {
        rows.add(new PolicyEvent("THA", o, "visa_free", SampleWorld.SAMPLE_START, d("2024-07-14"), 30, 0.0,
            "30-day exemption among the 57 countries exempt before 15 July 2024 (pattayamail.com 465720)"
                + SAMPLE_START_NOTE));
        rows.add(new PolicyEvent("THA", o, "visa_free", d("2024-07-15"), null, 60, 0.0, scheme));
      }
    }
  }

  private static void laos(List<PolicyEvent> rows, Set<String> handled) {
    handled.add("LAOKOR");
    rows.add(new PolicyEvent("LAO", "KOR", "visa_on_arrival", SampleWorld.SAMPLE_START, d("2008-08-31"), null, null,
        "visa on arrival before the September 2008 waiver (" + PASSPORT_INDEX + " for other origins): assumed"));
    rows.add(new PolicyEvent("LAO", "KOR", "visa_free", d("2008-09-01"), d("2018-08-31"), 15, 0.0,
        "15 days visa-free from September 2008 (seed article; Yonhap 2018-08-31)"));
    rows.add(new PolicyEvent("LAO", "KOR", "visa_free", d("2018-09-01"), null, 30, 0.0,
        "30 days from 1 September 2018 (Yonhap 2018-08-31; laotiantimes.com 2018-09-11)"));
    handled.add("LAOJPN");
    rows.add(new PolicyEvent("LAO", "JPN", "visa_on_arrival", SampleWorld.SAMPLE_START, d("2006-06-30"), null, null,
        "synthetic: visa on arrival before a waiver"));
    rows.add(new PolicyEvent("LAO", "JPN", "visa_free", d("2006-07-01"), null, 15, 0.0,
        "15 days visa-free (" + PASSPORT_INDEX + "); start date 2006-07-01 synthetic"));
  }

  /** Synthetic waivers (labelled) so that the other destinations have waiver variation too. */
  private static void syntheticWaivers(List<PolicyEvent> rows, Set<String> handled, Map<String, String> pi) {
    for (String o : List.of("KOR", "JPN", "CHN", "USA", "AUS", "GBR", "FRA", "DEU", "RUS", "CAN", "NZL")) {
      String today = pi.get(o + ",IDN");
      if (today == null || !today.equals("visa on arrival")) {
        continue;
      }
      handled.add("IDN" + o);
      String label = "synthetic: modelled on Indonesia's 2016 free-visa policy and its 2020 suspension";
      rows.add(new PolicyEvent("IDN", o, "visa_on_arrival", SampleWorld.SAMPLE_START, d("2016-03-01"), null, null, label));
      rows.add(new PolicyEvent("IDN", o, "visa_free", d("2016-03-02"), d("2020-03-19"), 30, 0.0, label));
      rows.add(new PolicyEvent("IDN", o, "visa_on_arrival", d("2020-03-20"), null, null, null, label));
    }
    for (String o : List.of("JPN", "KOR")) {
      handled.add("MMR" + o);
      String label = "synthetic: modelled on Myanmar's 2018 visa-free trial";
      rows.add(new PolicyEvent("MMR", o, "evisa", SampleWorld.SAMPLE_START, d("2018-09-30"), null, 50.0, label));
      rows.add(new PolicyEvent("MMR", o, "visa_free", d("2018-10-01"), d("2020-03-31"), 30, 0.0, label));
      rows.add(new PolicyEvent("MMR", o, "evisa", d("2020-04-01"), null, null, 50.0, label));
    }
  }

  static PolicyEvent fromPassportIndex(String d, String o, String requirement, LocalDate from, LocalDate to, String source) {
    if (requirement == null) {
      return new PolicyEvent(d, o, "visa_required", from, to, null, null, "synthetic: no Passport Index entry");
    }
    return switch (requirement) {
      case "visa on arrival" -> new PolicyEvent(d, o, "visa_on_arrival", from, to, null, null, source);
      case "e-visa", "eta" -> new PolicyEvent(d, o, "evisa", from, to, null, null, source);
      case "visa required" -> new PolicyEvent(d, o, "visa_required", from, to, null, null, source);
      default -> new PolicyEvent(d, o, "visa_free", from, to, stay(requirement), 0.0, source);
    };
  }

  /** Days of a Passport Index visa-free entry; "visa free" without a number counts as 30 days. */
  private static int stay(String requirement) {
    return requirement != null && requirement.matches("\\d+") ? Integer.parseInt(requirement) : 30;
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Map<String, String> loadPassportIndex() {
    Map<String, String> map = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        PolicyHistory.class.getResourceAsStream("/sample/passport_index_2025-01-12_subset.csv"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("origin,")) {
          continue;
        }
        String[] f = line.split(",");
        map.put(f[0] + "," + f[1], f[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }
}
