package sparkmlp.spark.data;

import java.io.Serializable;
import sparkmlp.core.layer.Network;

/**
 * What a step task needs to sum its partition's share of a global batch: the network and the batch
 * rule (the training set's size, the batch size and the seed). Shipped with every engine's tasks,
 * which hand it to {@link PartitionData#gradient}.
 */
public record StepBatches(Network net, long numTrain, int batchSize, long seed)
    implements Serializable {}
