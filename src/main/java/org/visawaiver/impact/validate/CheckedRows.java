package org.visawaiver.impact.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.ingest.InputReader;

/**
 * The rules of one dataset as Spark operations on its raw rows, which stay distributed: the row
 * rules row by row where the rows are; then, when the dataset has set rules ({@link SetRules},
 * {@link Plausibility}), one shuffle that brings each (destination, origin) pair's rows together,
 * where the rules run on them in line order as they would on the whole file. Rows that failed a
 * row rule take part in no set rule and travel alone. Memory per task: one pair's rows. A small
 * file's rows may instead be checked on the driver by the same rules ({@link #checkOnDriver}).
 */
final class CheckedRows {
  private CheckedRows() {}

  /** Rows laid out as {@link CheckedRow#schema}, one per raw row, in no particular order. */
  static Dataset<Row> check(Dataset<Row> raw, RowRules rules, Plausibility plausibility) {
    StructType schema = CheckedRow.schema(rules);
    Dataset<Row> checked = raw.map(new RowCheck(rules, index(rules)), Encoders.row(schema));
    if (!SetRules.needed(rules, plausibility)) {
      return checked;
    }
    List<String> names = List.of(schema.fieldNames());
    int[] scope = SetRules.SCOPE.stream().mapToInt(names::indexOf).toArray();
    return checked
        .groupByKey(new Scope(scope), Encoders.STRING())
        .flatMapGroups(new SetCheck(rules, plausibility), Encoders.row(schema));
  }

  /**
   * The same rules on rows held by the driver (layout of {@code RawTable}, in file order): the row
   * rules row by row, then the set rules on each (destination, origin) pair's rows in line order,
   * as {@link #check} runs them in Spark. The checked rows in file order.
   */
  static List<CheckedRow> checkOnDriver(List<Row> raw, RowRules rules, Plausibility plausibility) {
    Map<String, Integer> index = index(rules);
    List<CheckedRow> checked = new ArrayList<>(raw.size());
    raw.forEach(r -> checked.add(CheckedRow.check(r, rules, index)));
    if (!SetRules.needed(rules, plausibility)) {
      return checked;
    }
    List<String> names = List.of(rules.accepted().fieldNames());
    int[] scope = SetRules.SCOPE.stream().mapToInt(names::indexOf).toArray();
    // Rows that failed a row rule take part in no set rule (each is a group of its own in Spark).
    Map<List<Object>, List<CheckedRow>> pairs = new java.util.LinkedHashMap<>();
    for (CheckedRow row : checked) {
      if (row.accepted()) {
        List<Object> key = new ArrayList<>(scope.length);
        for (int p : scope) {
          key.add(row.value(p));
        }
        pairs.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    for (List<CheckedRow> group : pairs.values()) {
      group.sort(Comparator.comparingLong(r -> r.line));
      SetRules.apply(group, rules);
      plausibility.apply(group, rules);
    }
    return checked;
  }

  private static Map<String, Integer> index(RowRules rules) {
    Map<String, Integer> index = new HashMap<>();
    String[] names = InputReader.schema(rules.spec()).fieldNames();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
    return index;
  }

  private record RowCheck(RowRules rules, Map<String, Integer> index) implements MapFunction<Row, Row> {
    @Override
    public Row call(Row raw) {
      return CheckedRow.check(raw, rules, index).toRow();
    }
  }

  /** The pair of a row that passed the row rules; a row that did not is a group of its own. */
  private record Scope(int[] positions) implements MapFunction<Row, String> {
    @Override
    public String call(Row row) {
      if (!row.getList(3).isEmpty()) {
        return "\u0001" + row.getLong(0);
      }
      StringBuilder key = new StringBuilder();
      for (int p : positions) {
        key.append(row.getString(p)).append('\u0000');
      }
      return key.toString();
    }
  }

  private record SetCheck(RowRules rules, Plausibility plausibility)
      implements FlatMapGroupsFunction<String, Row, Row> {
    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      List<CheckedRow> group = new ArrayList<>();
      rows.forEachRemaining(r -> group.add(CheckedRow.fromRow(r)));
      group.sort(Comparator.comparingLong(r -> r.line));
      SetRules.apply(group, rules);
      plausibility.apply(group, rules);
      return group.stream().map(CheckedRow::toRow).iterator();
    }
  }
}
