package org.visawaiver.impact.report.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.report.outputs.CsvTable;
import org.visawaiver.impact.report.outputs.RunOutputs;

/**
 * scenarios/scenarios.xlsx for readers who live in spreadsheets, built from the run's CSV files:
 * sheets Summary (first: the headline), Assumptions (tourism parameters with their sources, and
 * the run's settings), Estimates (coefficients.csv), Annual, Monthly, and Columns (what each
 * column holds and how it is formatted). Numbers are numeric cells with number formats (USD with
 * thousands separators, 0.0% for shares and percentages, counts with separators), header rows
 * bold and frozen, columns sized to their content, no formulas; text is made spreadsheet-safe.
 */
public final class ScenarioWorkbook {
  public static final String FILE = "scenarios.xlsx";
  public static final List<String> SHEETS = List.of("Summary", "Assumptions", "Estimates", "Annual", "Monthly",
      "Columns");
  private static final int MAX_WIDTH = 60;

  /** A sheet's content: a title for the Columns sheet, the source named there, and the table. */
  record Sheet(String name, String source, CsvTable table) {}

  private ScenarioWorkbook() {}

  public static void write(Path file, RunOutputs run, Map<String, String> descriptions) {
    List<Sheet> sheets = new ArrayList<>();
    run.scenarioSummary().ifPresent(t -> sheets.add(new Sheet("Summary", "scenarios/scenario_summary.csv", t)));
    sheets.add(new Sheet("Assumptions", "the tourism parameters input and the run's settings", assumptions(run)));
    run.coefficients().ifPresent(t -> sheets.add(new Sheet("Estimates", "estimates/coefficients.csv", t)));
    run.scenarioAnnual().ifPresent(t -> sheets.add(new Sheet("Annual", "scenarios/scenario_annual.csv", t)));
    run.scenarioMonthly().ifPresent(t -> sheets.add(new Sheet("Monthly", "scenarios/scenario_monthly.csv", t)));
    sheets.add(new Sheet("Columns", "this workbook", columns(sheets, descriptions)));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      try (OutputStream os = Files.newOutputStream(tmp)) {
        Workbook wb = new Workbook(os, "visa-waiver-impact", "1.0");
        for (Sheet s : sheets) {
          writeSheet(wb.newWorksheet(s.name()), s.table());
        }
        wb.finish();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** The tourism parameters as given (each row with its source) followed by the settings. */
  static CsvTable assumptions(RunOutputs run) {
    List<String> header = List.of("assumption", "destination", "origin", "value", "source");
    List<Map<String, String>> rows = new ArrayList<>();
    run.tourismParameters().ifPresent(p -> {
      for (Map<String, String> r : p.rows()) {
        for (String c : p.header()) {
          if (List.of("destination", "origin", "source").contains(c) || r.getOrDefault(c, "").isEmpty()) {
            continue;
          }
          rows.add(Map.of("assumption", c, "destination", r.get("destination"), "origin", r.get("origin"),
              "value", r.get(c), "source", r.getOrDefault("source", "")));
        }
      }
    });
    run.settings().forEach((k, v) -> rows.add(Map.of("assumption", k, "destination", "", "origin", "",
        "value", v, "source", "configuration (conf/application.conf explains each key)")));
    return new CsvTable("assumptions", header, rows);
  }

  static CsvTable columns(List<Sheet> sheets, Map<String, String> descriptions) {
    List<String> header = List.of("sheet", "column", "format", "description");
    List<Map<String, String>> rows = new ArrayList<>();
    for (Sheet s : sheets) {
      for (String c : s.table().header()) {
        boolean numeric = isNumeric(s.table(), c);
        rows.add(Map.of("sheet", s.name(), "column", c,
            "format", numeric ? ColumnFormat.of(c).describe() : "text",
            "description", descriptions.getOrDefault(c, "from " + s.source())));
      }
    }
    return new CsvTable("columns", header, rows);
  }

  /** A column is numeric when every non-empty cell parses as a number (and some cell is not empty). */
  static boolean isNumeric(CsvTable t, String column) {
    boolean any = false;
    for (Map<String, String> r : t.rows()) {
      String v = r.getOrDefault(column, "");
      if (v.isEmpty()) {
        continue;
      }
      if (Double.isNaN(CsvTable.number(r, column))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static void writeSheet(Worksheet ws, CsvTable t) throws IOException {
    List<String> cols = t.header();
    int n = t.rows().size();
    for (int c = 0; c < cols.size(); c++) {
      String col = cols.get(c);
      ws.value(0, c, col);
      boolean numeric = isNumeric(t, col);
      ColumnFormat f = numeric ? ColumnFormat.of(col) : ColumnFormat.GENERAL;
      int width = Math.max(col.length(), f.width());
      for (int r = 0; r < n; r++) {
        Map<String, String> row = t.rows().get(r);
        String v = row.getOrDefault(col, "");
        if (v.isEmpty()) {
          continue;
        }
        if (numeric) {
          ws.value(r + 1, c, CsvTable.number(row, col) / f.divisor());
        } else {
          ws.value(r + 1, c, SpreadsheetCells.text(v));
          width = Math.max(width, Math.min(v.length(), MAX_WIDTH));
        }
      }
      if (numeric && !f.excel().isEmpty() && n > 0) {
        ws.range(1, c, n, c).style().format(f.excel()).set();
      }
      ws.width(c, Math.min(width, MAX_WIDTH) + 2);
    }
    ws.range(0, 0, 0, cols.size() - 1).style().bold().set();
    ws.freezePane(0, 1);
    ws.finish();
  }

  /** The workbook of a run, when the run has scenarios. */
  public static Optional<Path> writeFor(RunOutputs run, Map<String, String> descriptions) {
    if (run.scenarioMonthly().isEmpty()) {
      return Optional.empty();
    }
    Path file = run.out().resolve("scenarios").resolve(FILE);
    write(file, run, descriptions);
    return Optional.of(file);
  }
}
