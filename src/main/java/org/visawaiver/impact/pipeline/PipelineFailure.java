package org.visawaiver.impact.pipeline;

/** A checked exception (e.g. Spark's SparkException, thrown from Scala) that ended a run. */
public final class PipelineFailure extends RuntimeException {
  private PipelineFailure(Throwable cause) {
    super(cause.toString(), cause);
  }

  static RuntimeException of(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new PipelineFailure(t);
  }
}
