package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.format.Json;

/**
 * Promotion is a compare-and-set: a run whose gate passed against champion r1 promotes nothing when
 * the champion changed before its commit, records {@code superseded} and exits 7.
 */
class CompareAndSetTest {
  @Test
  void aPromotionDecidedAgainstAReplacedChampionIsSuperseded(@TempDir Path dir) throws Exception {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    RegistryFixture.Run r1 = f.retrain("r1", RegistryFixture.TRAIN, "train.epochs=3");
    assertEquals(0, r1.exitCode(), r1.err());
    Registry reg = new Registry(new Configuration(), f.registry.toString(), Duration.ofMinutes(1));
    java.util.function.Consumer<String> points =
        p -> {
          if (p.equals("decided")) { // another promotion lands between decision and commit
            reg.commit(
                new Registry.Change(
                    "x1",
                    "r1",
                    Json.MAPPER.createObjectNode().put("action", "promote").put("version", "x1"),
                    e -> false),
                () -> {},
                c -> {},
                n -> {});
          }
        };
    RegistryFixture.Run r2 =
        f.retrainWith(points, null, "r2", RegistryFixture.TRAIN, "registry.gate.tolerance=0.1");
    String reason =
        "superseded: the champion changed from r1 to x1 after this decision was made; nothing"
            + " promoted (a new run id judges against x1)";
    assertEquals(7, r2.exitCode(), r2.err());
    assertEquals("error: run r2 " + reason, r2.errorLine());
    assertEquals("x1", f.champion());
    JsonNode d = Json.MAPPER.readTree(f.registry.resolve("versions/r2/decision.json").toFile());
    assertFalse(d.path("promoted").asBoolean());
    assertTrue(d.path("superseded").asBoolean());
    assertEquals("r1", d.path("champion_before").asText());
    assertEquals("x1", d.path("champion_after").asText());
    assertEquals(reason, d.path("reason").asText());
    List<JsonNode> h = f.history();
    assertEquals(
        List.of("r1", "x1", "r2"), h.stream().map(e -> e.path("version").asText()).toList());
    assertTrue(h.get(2).path("superseded").asBoolean());
    assertTrue(Files.exists(f.registry.resolve("versions/r2/_SUCCESS")));

    RegistryFixture.Run replay =
        f.retrain("r2", RegistryFixture.TRAIN, "registry.gate.tolerance=0.1");
    assertEquals(7, replay.exitCode(), replay.err());
    assertEquals("x1", f.champion());
  }
}
