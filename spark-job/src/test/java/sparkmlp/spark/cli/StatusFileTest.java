package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.format.Json;
import sparkmlp.spark.TestData;

/** {@code --status-file}: the command, its exit code and its error line, written at the end. */
class StatusFileTest {
  @TempDir Path dir;

  private static final String GOOD =
      "a,b,label\n" + "1,2,x\n3,4,y\n1.5,2.5,x\n3.5,4.5,y\n0.5,1,x\n4,5,y\n" + "1,1.5,x\n3,3.5,y\n";

  private JsonNode train(Path data, Path out, Path status, int code, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(BadInputTest.tiny(data, out, extra));
    args.addAll(List.of("--status-file", status.toUri().toString()));
    CliRunner.Run r = CliRunner.mlp(args.toArray(String[]::new));
    assertEquals(code, r.exitCode(), r.err());
    JsonNode node = Json.MAPPER.readTree(Files.readString(status));
    assertEquals("train", node.get("command").asText());
    assertEquals(code, node.get("exit_code").asInt());
    Instant finished = Instant.parse(node.get("finished").asText());
    assertTrue(!finished.isAfter(Instant.now()), finished.toString());
    if (code != 0) {
      assertEquals(r.errorLine(), node.get("message").asText());
    }
    try (var files = Files.list(status.getParent())) {
      assertEquals(
          List.of(status.getFileName().toString()),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).toList(),
          "no temporary left next to the status file");
    }
    return node;
  }

  @Test
  void successSaysSucceededWithTheOutputFolder() throws Exception {
    Path data = TestData.write(dir, "good.csv", GOOD);
    Path out = dir.resolve("model");
    Files.createDirectories(dir.resolve("status"));
    JsonNode node = train(data, out, dir.resolve("status/ok.json"), 0);
    assertEquals("succeeded", node.get("status").asText());
    assertTrue(node.get("message").isNull());
    assertEquals(out.toString(), node.get("output").asText());
    assertEquals(
        List.of("command", "exit_code", "status", "message", "output", "finished"), iterate(node));
  }

  @Test
  void configErrorIsExitTwoWithItsLine() throws Exception {
    Path data = TestData.write(dir, "good.csv", GOOD);
    Files.createDirectories(dir.resolve("status"));
    JsonNode node =
        train(
            data,
            dir.resolve("never"),
            dir.resolve("status/usage.json"),
            2,
            "--set",
            "train.epochs=0");
    assertEquals("failed", node.get("status").asText());
    assertTrue(node.get("message").asText().startsWith("error: "), node.toString());
    assertTrue(node.get("message").asText().contains("train.epochs"), node.toString());
    // the config did not load, so there is no output folder to name
    assertTrue(node.get("output").isNull(), node.toString());
  }

  @Test
  void dataErrorIsExitThreeWithItsLine() throws Exception {
    Path data = TestData.write(dir, "text.csv", "a,b,label\n1,2,x\n3,abc,y\n1,2,x\n");
    Files.createDirectories(dir.resolve("status"));
    JsonNode node = train(data, dir.resolve("never"), dir.resolve("status/data.json"), 3);
    assertEquals("failed", node.get("status").asText());
    assertEquals(
        "error: " + data + ":3:2: expected a number in column 'b', found 'abc'",
        node.get("message").asText());
    assertEquals(dir.resolve("never").toString(), node.get("output").asText());
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void jsonHasTheDocumentedShape() {
    String json =
        StatusFile.json(
            "retrain", 5, "error: rejected", null, Instant.parse("2026-12-06T20:00:00Z"));
    assertEquals(
        "{\n"
            + "  \"command\" : \"retrain\",\n"
            + "  \"exit_code\" : 5,\n"
            + "  \"status\" : \"failed\",\n"
            + "  \"message\" : \"error: rejected\",\n"
            + "  \"output\" : null,\n"
            + "  \"finished\" : \"2026-12-06T20:00:00Z\"\n"
            + "}\n",
        json);
  }

  private static List<String> iterate(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
