package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.format.Json;
import sparkmlp.spark.TestData;

/** retrain's other settings: AUC on a binary task, new classes, and config errors. */
class RetrainOptionsTest {

  @Test
  void aBinaryGateOnAucAgreesWithAPairwiseCountOverThePredictions(@TempDir Path dir)
      throws IOException {
    String reg = dir.resolve("reg").toString();
    String test = TestData.dataset("breast-cancer", "test.csv");
    RegistryFixture.Run run =
        RegistryFixture.mlp(
            "retrain",
            "--config",
            TestData.conf("breast-cancer.conf"),
            "--run-id",
            "b1",
            "--set",
            "registry.dir=" + reg,
            "--set",
            "registry.gate.metric=auc",
            "--set",
            "registry.gate.floor=0.9",
            "--set",
            "data.train=" + TestData.dataset("breast-cancer", "train.csv"),
            "--set",
            "data.test=" + test,
            "--set",
            "train.epochs=3",
            "--set",
            "log.progress=never");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode d = run.decision();
    assertEquals("auc", d.path("gate").path("metric").asText());
    assertEquals("first candidate meeting the floor; no champion yet", d.path("reason").asText());
    double auc = d.path("gate").path("candidate").asDouble();

    // evaluate --registry scores the champion; predict --registry gives its probabilities.
    RegistryFixture.Run eval =
        RegistryFixture.mlp(
            "evaluate",
            "--config",
            TestData.conf("breast-cancer.conf"),
            "--registry",
            reg,
            "--data",
            test);
    assertEquals(0, eval.exitCode(), eval.err());
    JsonNode metrics = Json.MAPPER.readTree(eval.out());
    assertEquals(reg + "/versions/b1/model.mlp", metrics.path("model").asText());
    assertEquals(
        d.path("candidate").path("accuracy").asDouble(), metrics.path("accuracy").asDouble(), 0);
    Path out = dir.resolve("pred");
    RegistryFixture.Run pred =
        RegistryFixture.mlp(
            "predict",
            "--config",
            TestData.conf("breast-cancer.conf"),
            "--registry",
            reg,
            "--data",
            test,
            "--output",
            out.toString());
    assertEquals(0, pred.exitCode(), pred.err());
    List<String> lines;
    try (Stream<Path> files = Files.list(out)) {
      lines =
          Files.readAllLines(
              files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().get());
    }
    List<String[]> rows = TestData.rows(test);
    // Pairs (benign, malignant) ordered correctly by prob_benign, ties one half: the AUC's
    // definition, counted directly.
    double pairs = 0;
    double correct = 0;
    for (int i = 1; i < lines.size(); i++) {
      for (int j = 1; j < lines.size(); j++) {
        String[] a = lines.get(i).split(",");
        String[] b = lines.get(j).split(",");
        boolean aPos = rows.get(Integer.parseInt(a[0]))[30].equals("benign");
        boolean bNeg = rows.get(Integer.parseInt(b[0]))[30].equals("malignant");
        if (aPos && bNeg) {
          double sa = Double.parseDouble(a[3]);
          double sb = Double.parseDouble(b[3]);
          pairs++;
          correct += sa > sb ? 1 : sa == sb ? 0.5 : 0;
        }
      }
    }
    assertEquals(correct / pairs, auc, 1e-12);
    assertTrue(auc > 0.9, "auc " + auc);
  }

  @Test
  void aNewClassAllowedByConfigTrainsFromScratchAndIsJudgedByTheFloor(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    assertEquals(0, f.retrain("r1", RegistryFixture.TRAIN, "train.epochs=2").exitCode());
    String extra =
        RegistryFixture.rewrite(
            dir,
            "new-class.csv",
            rows -> {
              for (int i = 0; i < 5; i++) {
                rows.get(i)[4] = "iris_nova";
              }
              return rows;
            });
    RegistryFixture.Run r2 =
        f.retrain(
            "r2",
            extra,
            "data.class-names=[]",
            "registry.checks.allow-new-classes=true",
            "train.epochs=2");
    assertEquals(0, r2.exitCode(), r2.err());
    JsonNode d = r2.decision();
    assertEquals(
        "the champion r1 has other classes and cannot be compared; judged by the floor alone"
            + " (none set)",
        d.path("reason").asText());
    assertEquals("[\"iris_nova\"]", d.path("checks").path("new_classes").toString());
    assertTrue(d.path("warm_start").isNull());
    assertFalse(d.has("champion"));
    assertEquals("r2", f.champion());
  }

  @Test
  void configErrorsNameTheKeyAndExitTwo(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    RegistryFixture.Run auc = f.retrain("r1", RegistryFixture.TRAIN, "registry.gate.metric=auc");
    assertEquals(2, auc.exitCode(), auc.err());
    assertEquals(
        "error: config key 'mlp.registry.gate.metric': gate metric auc is not defined for"
            + " multiclass models",
        auc.errorLine());
    RegistryFixture.Run unknown = f.retrain("r1", RegistryFixture.TRAIN, "registry.gate.metric=f2");
    assertEquals(2, unknown.exitCode());
    assertEquals(
        "error: config key 'mlp.registry.gate.metric' must be one of auto, accuracy, macro-f1,"
            + " log-loss, auc, rmse, r2; found 'f2'",
        unknown.errorLine());
    RegistryFixture.Run badId = f.retrain("../x", RegistryFixture.TRAIN);
    assertEquals(2, badId.exitCode());
    assertEquals(
        "error: --run-id: expected letters, digits, '.', '_' or '-' (starting with a letter or"
            + " digit, at most 128), found '../x'",
        badId.errorLine());
    RegistryFixture.Run noDir =
        RegistryFixture.mlp("retrain", "--config", TestData.conf("iris.conf"), "--run-id", "r1");
    assertEquals(2, noDir.exitCode());
    assertEquals(
        "error: config key 'mlp.registry.dir' is required for retrain; set it in the config or"
            + " with --set registry.dir=...",
        noDir.errorLine());
    RegistryFixture.Run noHoldout = f.retrain("r1", RegistryFixture.TRAIN, "data.test=null");
    assertEquals(2, noHoldout.exitCode());
    assertEquals(
        "error: retrain's gate needs holdout data: set mlp.data.holdout (or mlp.data.test)",
        noHoldout.errorLine());
    RegistryFixture.Run tooFew =
        f.retrain("r1", RegistryFixture.TRAIN, "registry.checks.min-rows=500");
    assertEquals(3, tooFew.exitCode());
    assertEquals(
        "error: "
            + RegistryFixture.TRAIN
            + ": 120 rows, fewer than mlp.registry.checks.min-rows = 500",
        tooFew.errorLine());
    assertFalse(Files.exists(f.registry.resolve("champion")));
    assertFalse(Files.exists(f.registry.resolve("versions/r1/run.json")));
  }
}
