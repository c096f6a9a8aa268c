package org.visawaiver.impact.report.outputs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Which input files mark rows as synthetic ({@code source} containing "synthetic"), for the
 * report's banner. Reads each CSV input's {@code source} column up to the first such row (a
 * Parquet input is not read here and is listed as unchecked).
 *
 * @param synthetic the files with at least one synthetic row, with the first such line
 * @param unchecked files that could not be checked (Parquet)
 */
public record SyntheticInputs(List<String> synthetic, List<String> unchecked) {
  public static final String MARK = "synthetic";

  public SyntheticInputs {
    synthetic = List.copyOf(synthetic);
    unchecked = List.copyOf(unchecked);
  }

  public static SyntheticInputs scan(List<Path> files) {
    List<String> found = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        continue;
      }
      if (f.getFileName().toString().endsWith(".parquet")) {
        unchecked.add(f.getFileName().toString());
        continue;
      }
      long line = firstSyntheticLine(f);
      if (line > 0) {
        found.add(f.getFileName() + " (first at line " + line + ")");
      }
    }
    return new SyntheticInputs(found, unchecked);
  }

  /** The file line of the first row whose source says synthetic, or 0. */
  static long firstSyntheticLine(Path f) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
      String source = p.getHeaderNames().stream().filter(h -> h.replace("\uFEFF", "").equals("source"))
          .findFirst().orElse(null);
      if (source == null) {
        return 0;
      }
      for (CSVRecord rec : p) {
        if (rec.isSet(source) && rec.get(source).toLowerCase(Locale.ROOT).contains(MARK)) {
          return rec.getParser().getCurrentLineNumber();
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("report: could not read the source column of " + f, e);
    }
  }

  public boolean any() {
    return !synthetic.isEmpty();
  }
}
