package sparkmlp.spark.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.train.GradientSource;
import sparkmlp.core.train.Validator;
import sparkmlp.spark.eval.BlockMetrics;

/**
 * How a run's steps are computed ({@code mlp.train.engine}): each step's gradient sum for core's
 * training loop, how many Spark jobs the steps took, what it reports in {@code summary.json}, and
 * how it lets go of what it holds, after a run that ended well or one that failed. Each epoch's
 * validation is {@link sparkmlp.spark.eval.EvaluationJob}'s, a Spark job, unless the engine's tasks
 * stay between epochs and evaluate the validation blocks themselves ({@link #validator}).
 */
public interface StepEngine extends GradientSource, AutoCloseable {
  /**
   * The run's validation: {@code jobs} (one Spark job an epoch), or the engine's own when its tasks
   * evaluate each block as {@code metrics} says and the driver merges them in the blocks' order —
   * the same evaluation bit for bit. Asked once, before the first step.
   */
  default Validator validator(Validator jobs, BlockMetrics metrics) {
    return jobs;
  }

  /**
   * Spark jobs run for steps so far (one a step; one barrier stage an epoch, or for the run; 0 in
   * the driver).
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
