package org.visawaiver.impact.report.outputs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.visawaiver.impact.config.JobConfig;

/**
 * What one run wrote, as the report reads it: each output CSV that is present (absent ones are
 * empty and their section says so), the tourism parameters as given, the resolved settings, and
 * which inputs are synthetic.
 */
public final class RunOutputs {
  /** Output files the report reads, relative to the output folder, in the order "files" lists them. */
  public static final List<String> FILES = List.of("scenarios/scenario_summary.csv",
      "scenarios/scenario_annual.csv", "scenarios/scenario_monthly.csv", "scenarios/sensitivity.csv",
      "scenarios/scenarios.xlsx", "estimates/coefficients.csv", "estimates/model_summary.csv",
      "estimates/vcov.csv", "estimates/waiver_comparison.csv", "estimates/regime_contrasts.csv",
      "estimates/event_study.csv", "estimates/event_study_summary.csv", "estimates/transfer.csv",
      "estimates/regression_table.csv", "estimates/regression_table.html", "estimates/regression_table.tex",
      "validation_summary.csv", "validation_checks.csv", "panel.csv", "manifest.json");
  /** Configuration sections shown as assumptions. */
  static final List<String> SETTINGS = List.of("scenario", "forecast", "estimate.models", "estimate.compare");

  private final Path out;
  private final String command;
  private final Map<String, Optional<CsvTable>> tables = new java.util.HashMap<>();
  private final Optional<CsvTable> tourismParameters;
  private final String tourismParametersFile;
  private final Map<String, String> settings;
  private final SyntheticInputs synthetic;

  public RunOutputs(Path out, String command, JobConfig config) {
    this.out = out;
    this.command = command;
    for (String f : FILES) {
      if (f.endsWith(".csv")) {
        tables.put(f, CsvTable.read(out, f));
      }
    }
    Config data = config.section("data");
    Path params = config.dataDir().resolve(data.getString("tourism-parameters"));
    this.tourismParametersFile = params.toString();
    this.tourismParameters = scenarioSummary().isPresent() && Files.isRegularFile(params)
        && !params.toString().endsWith(".parquet")
        ? CsvTable.read(params.getParent(), params.getFileName().toString()) : Optional.empty();
    List<Path> inputs = new ArrayList<>();
    for (String key : List.of("arrivals", "visa-policy", "advisories", "tourism-parameters")) {
      if (data.hasPath(key)) {
        inputs.add(config.dataDir().resolve(data.getString(key)));
      }
    }
    this.synthetic = SyntheticInputs.scan(inputs);
    this.settings = settings(config.raw());
  }

  static Map<String, String> settings(Config raw) {
    Map<String, String> out = new TreeMap<>();
    for (String section : SETTINGS) {
      if (!raw.hasPath(section)) {
        continue;
      }
      ConfigValue v = raw.getValue(section);
      if (v instanceof com.typesafe.config.ConfigObject o) {
        for (Map.Entry<String, ConfigValue> e : o.toConfig().entrySet()) {
          out.put(section + "." + e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
        }
      } else {
        out.put(section, v.render(ConfigRenderOptions.concise()));
      }
    }
    return out;
  }

  public Path out() {
    return out;
  }

  public String describe() {
    return "command " + command + ", folder " + out.toAbsolutePath().normalize().getFileName();
  }

  private Optional<CsvTable> table(String f) {
    return tables.getOrDefault(f, Optional.empty());
  }

  public Optional<CsvTable> coefficients() {
    return table("estimates/coefficients.csv");
  }

  public Optional<CsvTable> modelSummary() {
    return table("estimates/model_summary.csv");
  }

  public Optional<CsvTable> waiverComparison() {
    return table("estimates/waiver_comparison.csv");
  }

  public Optional<CsvTable> transfer() {
    return table("estimates/transfer.csv");
  }

  public Optional<CsvTable> eventStudy() {
    return table("estimates/event_study.csv");
  }

  public Optional<CsvTable> eventStudySummary() {
    return table("estimates/event_study_summary.csv");
  }

  public Optional<CsvTable> scenarioSummary() {
    return table("scenarios/scenario_summary.csv");
  }

  public Optional<CsvTable> scenarioAnnual() {
    return table("scenarios/scenario_annual.csv");
  }

  public Optional<CsvTable> scenarioMonthly() {
    return table("scenarios/scenario_monthly.csv");
  }

  public Optional<CsvTable> sensitivity() {
    return table("scenarios/sensitivity.csv");
  }

  public Optional<CsvTable> validationChecks() {
    return table("validation_checks.csv");
  }

  public Optional<CsvTable> validationSummary() {
    return table("validation_summary.csv");
  }

  public Optional<CsvTable> tourismParameters() {
    return tourismParameters;
  }

  public String tourismParametersFile() {
    return tourismParametersFile;
  }

  public Map<String, String> settings() {
    return settings;
  }

  public SyntheticInputs synthetic() {
    return synthetic;
  }

  /** The output files of {@link #FILES} that exist (the report's own files are written after). */
  public List<String> filesPresent() {
    return FILES.stream().filter(f -> Files.exists(out.resolve(f)) || f.startsWith("estimates/regression_table")
        && coefficients().isPresent() || f.equals("manifest.json")).toList();
  }
}
