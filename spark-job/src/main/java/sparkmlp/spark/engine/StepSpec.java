package sparkmlp.spark.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.data.Precision;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.data.StepBatches;

/**
 * What every step engine computes: the gradient of {@code net} on the prepared training blocks,
 * {@code stepsPerEpoch} global batches of {@code batchSize} an epoch drawn with {@code seed}, in
 * {@code precision}.
 */
public record StepSpec(
    Network net,
    PreparedData data,
    int batchSize,
    long seed,
    int stepsPerEpoch,
    Precision precision) {

  /** The steps of a run with these training settings. */
  public static StepSpec of(
      Network net, PreparedData data, TrainingConfig tc, int stepsPerEpoch, Precision precision) {
    return new StepSpec(net, data, tc.batchSize(), tc.seed(), stepsPerEpoch, precision);
  }

  /** The start of an engine's {@code summary.json} fields: the precision, then its name. */
  public ObjectNode summary(String engine) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("precision", precision.id());
    json.put("engine", engine);
    return json;
  }

  /** The batches of these steps, as the tasks need them. */
  public StepBatches batches() {
    return new StepBatches(net, data.numTrain(), batchSize, seed);
  }
}
