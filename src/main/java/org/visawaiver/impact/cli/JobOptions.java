package org.visawaiver.impact.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every pipeline command takes (CONTRACT.md, "Command line"). */
public final class JobOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "Input folder (default: data.dir in the configuration, notebooks-data/).")
  Path data;

  @Option(names = "--conf", paramLabel = "FILE", defaultValue = "conf/application.conf",
      description = "Configuration file (HOCON). Default: ${DEFAULT-VALUE}.")
  Path conf;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: output.dir in the configuration, out/).")
  Path out;

  @Option(names = "--staging", paramLabel = "DIR",
      description = "Folder to write into before it is renamed to --out (default: OUT.partial beside --out;"
          + " its files are kept; scripts/nightly passes its own).")
  Path staging;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master, e.g. local[*] (default) or spark://127.0.0.1:7077.")
  String master;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one configuration value, e.g. --set scenario.mc-draws=2000. Repeatable.")
  List<String> overrides = new ArrayList<>();

  /** The resolved configuration: file, then these options, then --set overrides. */
  public org.visawaiver.impact.config.JobConfig resolve(boolean confGivenExplicitly) {
    List<String> all = new ArrayList<>();
    if (data != null) {
      all.add("data.dir=\"" + data.toString().replace("\\", "/") + "\"");
    }
    if (out != null) {
      all.add("output.dir=\"" + out.toString().replace("\\", "/") + "\"");
    }
    if (staging != null) {
      all.add("output.staging-dir=\"" + staging.toString().replace("\\", "/") + "\"");
    }
    // Under spark-submit, its --master (the system property spark.master) counts as ours.
    String chosenMaster = master != null ? master : System.getProperty("spark.master");
    if (chosenMaster != null) {
      all.add("spark.master=\"" + chosenMaster + "\"");
    }
    all.addAll(overrides);
    return org.visawaiver.impact.config.JobConfig.load(conf, confGivenExplicitly, all);
  }
}
