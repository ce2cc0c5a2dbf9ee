package sparkmlp.spark.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.LocalGradientSource;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.data.PartitionData;

/**
 * Steps in the driver: all training blocks collected once (one Spark job) and joined, then core's
 * single-process source computes the same batches as the Spark engines (weights equal to 1e-9)
 * without a Spark job a step. For small runs on a local master ({@code
 * mlp.train.single-process=auto}).
 */
public final class DriverEngine implements StepEngine {
  /** Largest cached training set that {@code single-process=auto} trains in a local driver. */
  public static final long MAX_CACHED_BYTES = 64L << 20;

  private final LocalGradientSource local;
  private final String reason;
  private final StepSpec spec;

  /**
   * Collects the training blocks; {@code tc} is the run's (its batch size and seed are {@code
   * spec}'s), {@code reason} says why the steps run in the driver.
   */
  public DriverEngine(StepSpec spec, TrainingConfig tc, String reason) {
    this.spec = spec;
    this.reason = reason;
    List<DataBlock> blocks = spec.data().train().map(PartitionData::block).collect();
    this.local =
        new LocalGradientSource(spec.net(), tc, DataBlock.concat(blocks), spec.precision());
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    return local.compute(params, epoch, step);
  }

  @Override
  public long jobs() {
    return 0;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode json = spec.summary("single-process");
    json.put("reason", reason);
    return json;
  }

  @Override
  public void close() {}

  @Override
  public void abandon() {}
}
