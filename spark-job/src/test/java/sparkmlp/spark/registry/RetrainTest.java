package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlp retrain}: idempotent run ids, the promotion gate, the champion pointer, history. */
class RetrainTest {

  @Test
  void aFinishedRunIdReplaysItsDecisionAndLeavesTheRegistryByteIdentical(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    RegistryFixture.Run first = f.retrain("2026-11-29", RegistryFixture.TRAIN);
    assertEquals(0, first.exitCode(), first.err());
    JsonNode d = first.decision();
    assertTrue(d.path("promoted").asBoolean());
    assertEquals("first candidate; no champion yet", d.path("reason").asText());
    assertEquals("2026-11-29", f.champion());
    assertTrue(Files.exists(f.registry.resolve("versions/2026-11-29/_SUCCESS")));
    Map<String, String> before = f.snapshot();

    RegistryFixture.Run again = f.retrain("2026-11-29", RegistryFixture.TRAIN);
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(first.lastOutLine(), again.lastOutLine());
    assertFalse(again.out().contains("epoch 1/"), again.out());
    assertEquals(
        "run 2026-11-29 already finished; its recorded decision follows", again.errorLine());
    assertEquals(before, f.snapshot());
  }

  @Test
  void aCandidateTrainedOnShuffledLabelsIsRejectedAndABetterOneIsPromoted(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    String shuffled =
        RegistryFixture.rewrite(
            dir,
            "shuffled.csv",
            rows -> {
              List<String> labels = new ArrayList<>();
              rows.forEach(r -> labels.add(r[r.length - 1]));
              Collections.shuffle(labels, new Random(7));
              for (int i = 0; i < rows.size(); i++) {
                rows.get(i)[rows.get(i).length - 1] = labels.get(i);
              }
              return rows;
            });
    RegistryFixture.Run r1 = f.retrain("r1", RegistryFixture.TRAIN, "train.epochs=3");
    assertEquals(0, r1.exitCode(), r1.err());
    double championAccuracy = r1.decision().path("gate").path("candidate").asDouble();

    RegistryFixture.Run r2 =
        f.retrain("r2", shuffled, "registry.warm-start=false", "--fail-on-reject");
    assertEquals(5, r2.exitCode(), r2.err());
    JsonNode d2 = r2.decision();
    assertFalse(d2.path("promoted").asBoolean());
    assertEquals(championAccuracy, d2.path("gate").path("champion").asDouble(), 0);
    assertTrue(d2.path("gate").path("candidate").asDouble() < championAccuracy, d2.toString());
    assertTrue(d2.path("reason").asText().startsWith("the candidate's accuracy "), d2.toString());
    assertEquals("r1", f.champion());
    // A replay exits as the first run did: 5 under --fail-on-reject, else 0; same decision line.
    RegistryFixture.Run replay =
        f.retrain("r2", shuffled, "registry.warm-start=false", "--fail-on-reject");
    assertEquals(5, replay.exitCode(), replay.err());
    assertEquals(r2.lastOutLine(), replay.lastOutLine());
    assertEquals(0, f.retrain("r2", shuffled, "registry.warm-start=false").exitCode());

    RegistryFixture.Run r3 = f.retrain("r3", RegistryFixture.TRAIN, "train.epochs=40");
    assertEquals(0, r3.exitCode(), r3.err());
    JsonNode d3 = r3.decision();
    assertTrue(d3.path("promoted").asBoolean(), d3.toString());
    assertTrue(d3.path("gate").path("candidate").asDouble() > championAccuracy, d3.toString());
    assertEquals("r1", d3.path("warm_start").asText());
    assertEquals("r3", f.champion());

    List<JsonNode> h = f.history();
    assertEquals(3, h.size());
    assertEquals(
        List.of("r1", "r2", "r3"), h.stream().map(e -> e.path("version").asText()).toList());
    assertEquals(
        List.of(true, false, true), h.stream().map(e -> e.path("promoted").asBoolean()).toList());
    assertNull(h.get(0).path("champion_before").textValue());
    assertEquals("r1", h.get(1).path("champion_after").asText());
    assertEquals("r3", h.get(2).path("champion_after").asText());
  }
}
