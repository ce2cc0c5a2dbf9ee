package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import sparkmlp.core.format.Json;

/** The schedule params reach the trainer: the epochs' rates are the configured schedule's. */
class ScheduleParamsTest {

  /**
   * 300 rows in batches of 64: 5 steps an epoch, T = 10 steps in 2 epochs. One-cycle with peak
   * 0.01, pct-start 0.25, div-factor 25 and final-div-factor 1e4 (PyTorch's OneCycleLR): the peak
   * is at step 0.25 · 10 − 1 = 1.5 and the floor 0.01 / 25 / 1e4 = 4e-8 at step 9. Each epoch
   * reports its last step's rate: step 4, pct (4 − 1.5) / (9 − 1.5) = 1/3, 4e-8 + (0.01 − 4e-8) ·
   * (cos(π/3) + 1) / 2 = 0.00750001; step 9, 4e-8.
   */
  @Test
  void oneCycleParamsSetTheRatesOfTheRun() throws Exception {
    Dataset<Row> rows = Digits.assembled(Digits.train()).limit(300);
    MlpClassificationModel m =
        new MlpClassifier()
            .setHiddenLayers(new int[] {8})
            .setStepSize(0.01)
            .setMaxIter(2)
            .setSchedule("one-cycle")
            .setSchedulePctStart(0.25)
            .fit(rows);
    JsonNode epochs = Json.MAPPER.readTree(m.model().trainingJson()).get("epochs");
    assertEquals(0.00750001, epochs.get(0).get("learning_rate").asDouble(), 1e-15);
    assertEquals(4e-8, epochs.get(1).get("learning_rate").asDouble(), 1e-20);
  }
}
