package sparkmlp.spark.engine;

import java.io.Serializable;
import sparkmlp.core.layer.Network;

/**
 * What a step task needs to sum its partition's share of a global batch: the network and the batch
 * rule (the training set's size, the batch size and the seed). Shipped with every engine's tasks,
 * which hand it to {@link sparkmlp.spark.data.PartitionData#gradient}.
 */
public record StepBatches(Network net, long numTrain, int batchSize, long seed)
    implements Serializable {
  /** The batches of the steps {@code spec} describes. */
  public static StepBatches of(StepSpec spec) {
    return new StepBatches(spec.net(), spec.data().numTrain(), spec.batchSize(), spec.seed());
  }
}
