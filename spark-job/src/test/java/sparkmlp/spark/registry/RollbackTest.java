package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** {@code mlp registry} and {@code predict --registry}: the champion, rollback and promotion. */
class RollbackTest {
  @Test
  void rollbackThenPredictWithTheRegistryUsesThePreviousModel(@TempDir Path dir)
      throws IOException {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    assertEquals(0, f.retrain("r1", RegistryFixture.TRAIN, "train.epochs=2").exitCode());
    RegistryFixture.Run r2 = f.retrain("r2", RegistryFixture.TRAIN, "train.epochs=30");
    assertEquals(0, r2.exitCode(), r2.err());
    assertEquals("r2", f.champion());
    String reg = f.registry.toString();

    String p2 = predict(dir, "p2", "--registry", reg);
    RegistryFixture.Run back = RegistryFixture.mlp("registry", "rollback", "--registry", reg);
    assertEquals(0, back.exitCode(), back.err());
    assertEquals("champion: r1 (rolled back from r2)", back.out().strip());
    assertEquals("r1", f.champion());
    String p1 = predict(dir, "p1", "--registry", reg);
    assertEquals(predict(dir, "p1-direct", "--model", reg + "/versions/r1"), p1);
    assertNotEquals(p2, p1);

    RegistryFixture.Run list = RegistryFixture.mlp("registry", "list", "--registry", reg);
    assertEquals(0, list.exitCode(), list.err());
    List<String> lines = list.out().strip().lines().toList();
    assertEquals(3, lines.size(), list.out());
    assertTrue(lines.get(1).startsWith("r1 "), lines.get(1));
    assertTrue(lines.get(1).endsWith("<- champion"), lines.get(1));
    assertTrue(lines.get(2).matches("r2 +finished +accuracy +\\S+ +\\S+ +yes .*"), lines.get(2));

    RegistryFixture.Run again = RegistryFixture.mlp("registry", "rollback", "--registry", reg);
    assertEquals(3, again.exitCode());
    assertEquals(
        "error: " + reg + ": no previous champion to roll back to (r1 was the first)",
        again.errorLine());

    RegistryFixture.Run promote =
        RegistryFixture.mlp("registry", "promote", "r2", "--registry", reg);
    assertEquals(0, promote.exitCode(), promote.err());
    assertEquals("r2", f.champion());
    assertEquals(p2, predict(dir, "p2-again", "--registry", reg));
    List<String> actions =
        f.history().stream()
            .map(e -> e.path("action").asText() + ":" + e.path("version").asText())
            .toList();
    assertEquals(List.of("retrain:r1", "retrain:r2", "rollback:r1", "promote:r2"), actions);

    RegistryFixture.Run show = RegistryFixture.mlp("registry", "show", "r1", "--registry", reg);
    JsonNode shown = Json.MAPPER.readTree(show.out());
    assertEquals(false, shown.path("champion").asBoolean());
    assertEquals(true, shown.path("finished").asBoolean());
    assertEquals("first candidate; no champion yet", shown.path("reason").asText());

    RegistryFixture.Run both =
        RegistryFixture.mlp(
            "predict",
            "--registry",
            reg,
            "--model",
            reg,
            "--data",
            RegistryFixture.TEST,
            "--output",
            dir.resolve("x").toString());
    assertEquals(2, both.exitCode());
    assertEquals("error: give exactly one of --model PATH and --registry DIR", both.errorLine());
  }

  private static String predict(Path dir, String name, String... model) throws IOException {
    Path out = dir.resolve(name);
    String[] args =
        Stream.concat(
                Stream.of(
                    "predict",
                    "--config",
                    TestData.conf("iris.conf"),
                    "--data",
                    RegistryFixture.TEST,
                    "--output",
                    out.toString()),
                Stream.of(model))
            .toArray(String[]::new);
    RegistryFixture.Run run = RegistryFixture.mlp(args);
    assertEquals(0, run.exitCode(), run.err());
    try (Stream<Path> files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().get();
      return Files.readString(part);
    }
  }
}
