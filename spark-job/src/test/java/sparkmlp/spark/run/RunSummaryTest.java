package sparkmlp.spark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.data.DataFingerprint;
import sparkmlp.spark.data.PreparedData;

/** summary.json is built from values gathered before: no Spark context, no job. */
class RunSummaryTest {
  @Test
  void buildsWithoutSpark() {
    Network net = new Network(2, List.of(new Dense(2, Activation.SOFTMAX)), Task.MULTICLASS.loss());
    PreparedData data =
        new PreparedData(
            "d.csv",
            List.of("a", "b"),
            LabelEncoder.forClasses(Task.MULTICLASS, List.of("x", "y")),
            Normalizer.none(2),
            8,
            2,
            null,
            null,
            new DataFingerprint(),
            640,
            2);
    TrainingState state =
        new TrainingState(new double[net.numParams()], new OptimizerState(0, new double[0][]));
    state.history.add(new EpochMetrics(1, 0.5, 0.4, 0.75, 0.001, 8, 2.0, 0.25));
    TrainingRun.Trained trained =
        new TrainingRun.Trained(state, 7, Json.MAPPER.createObjectNode(), 2.0);
    StartPoint resumed = new StartPoint.Resume("ckpt", null, "warm.mlp");
    ObjectNode s =
        new RunSummary(
                ConfigLoader.load(
                    null, List.of("train.schedule.type=cosine", "train.schedule.warmup-steps=3")),
                net,
                data,
                new RunSummary.Outcome(resumed, trained, null),
                new RunSummary.Timings(1.0, 3.5),
                new SparkEnvironment("F2J", List.of("F2J", "OpenBLAS"), "3.5.3", "local[2]", 2))
            .toJson();
    assertEquals("[\"F2J\",\"OpenBLAS\"]", s.get("blas").get("executors").toString());
    assertEquals("local[2]", s.get("spark").get("master").asText());
    assertEquals(7, s.get("timings").get("step_jobs").asLong());
    assertEquals(4.0, s.get("timings").get("examples_per_second").asDouble());
    assertEquals("[\"x\",\"y\"]", s.get("data").get("classes").toString());
    assertEquals("warm.mlp", s.get("init_model").asText());
    assertEquals(true, s.get("resumed").asBoolean());
    // 8 rows in batches of 64: 1 step an epoch, 10 epochs
    assertEquals(
        "{\"type\":\"cosine\",\"description\":\"warmup(3 steps) then cosine(min-fraction 0.0)\","
            + "\"steps_per_epoch\":1,\"total_steps\":10}",
        s.get("schedule").toString());
    assertEquals(
        "adam", s.get("config").get("mlp").get("train").get("optimizer").get("name").asText());
  }
}
