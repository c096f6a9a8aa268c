package org.visawaiver.impact.validate;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The accepted rows of every input, typed (see {@code docs/architecture.md} for the schemas), and
 * the per-dataset reports. {@code tourismParameters} is absent when the step does not need it.
 */
public record ValidatedInputs(
    Dataset<Row> arrivals,
    Dataset<Row> visaPolicy,
    Dataset<Row> advisories,
    Optional<Dataset<Row>> tourismParameters,
    List<DatasetReport> reports) {}
