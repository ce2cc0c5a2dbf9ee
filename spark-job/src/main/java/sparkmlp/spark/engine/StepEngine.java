package sparkmlp.spark.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.train.GradientSource;

/**
 * How a run's steps are computed ({@code mlp.train.engine}): each step's gradient sum for core's
 * training loop, how many Spark jobs the steps took, what it reports in {@code summary.json}, and
 * how it lets go of what it holds, after a run that ended well or one that failed. Engines only sum
 * gradients; validation is {@link sparkmlp.spark.eval.EvaluationJob}'s.
 */
public interface StepEngine extends GradientSource, AutoCloseable {
  /**
   * Spark jobs run for steps so far (one a step, one a barrier stage an epoch, 0 in the driver).
   */
  long jobs();

  /** What runs the steps and why, for {@code summary.json} under {@code execution}. */
  ObjectNode toJson();

  /** After a run that ended well: releases what the engine still holds. */
  @Override
  void close();

  /**
   * After a run that failed: releases only what would outlive it (Spark, stopped by the failing
   * command, cleans up the rest).
   */
  void abandon();
}
