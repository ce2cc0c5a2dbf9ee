package sparkmlp.spark.engine;

import java.io.Serializable;
import sparkmlp.core.layer.Network;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.PartitionData;

/**
 * What a step task needs to sum its partition's share of a global batch: the network and the batch
 * rule (the training set's size, the batch size and the seed). Shipped with every engine's tasks.
 */
public record StepBatches(Network net, long numTrain, int batchSize, long seed)
    implements Serializable {
  /** The batches of the steps {@code spec} describes. */
  public static StepBatches of(StepSpec spec) {
    return new StepBatches(spec.net(), spec.data().numTrain(), spec.batchSize(), spec.seed());
  }

  /** The partition's sum for step {@code step} of epoch {@code epoch}, in double. */
  public GradientSum gradient(PartitionData data, double[] weights, int epoch, int step) {
    return data.gradient(net, weights, numTrain, batchSize, seed, epoch, step);
  }

  /** The same computed in float, added up in double. */
  public GradientSum gradient(PartitionData data, float[] weights, int epoch, int step) {
    return data.gradient(net, weights, numTrain, batchSize, seed, epoch, step);
  }

  /** The partition's float sum as it is, for a resident task that sends floats. */
  public FloatGradientSum floatGradient(PartitionData data, float[] weights, int epoch, int step) {
    return data.floatGradient(net, weights, numTrain, batchSize, seed, epoch, step);
  }
}
