package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.spark.store.ModelStore;

/**
 * Runs that die, overlap, or meet bad data. A "kill" is simulated in-process: an exception thrown
 * at a named point of the run (the named points RetrainJob tells its constructor's {@code points}),
 * or, during training, by the console stream when the 5th epoch's line is printed. (A real SIGKILL
 * also leaves the run lock behind; the stale-lock rule that then applies is {@link RunLockTest}'s.)
 */
class RetrainFailuresTest {
  @TempDir static Path shared;

  /** A registry whose champion r1 was trained for 3 epochs; copied by each test that needs it. */
  static Path base;

  /**
   * r2 run without interruption on a copy of {@link #base}: the decision every rerun must reach.
   */
  static JsonNode reference;

  @BeforeAll
  static void championAndReference() {
    base = shared.resolve("base");
    RegistryFixture f = new RegistryFixture(base);
    RegistryFixture.Run r1 = f.retrain("r1", RegistryFixture.TRAIN, "train.epochs=3");
    assertEquals(0, r1.exitCode(), r1.err());
    RegistryFixture ref = new RegistryFixture(copy(base, shared.resolve("ref")));
    RegistryFixture.Run r2 =
        ref.retrain("r2", RegistryFixture.TRAIN, "registry.gate.tolerance=0.1");
    assertEquals(0, r2.exitCode(), r2.err());
    reference = r2.decision();
    assertTrue(reference.path("promoted").asBoolean(), reference.toString());
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"training", "evaluated", "decided", "promoted", "recorded"})
  void aRunKilledAtAnyStepLeavesOneValidChampionAndItsRerunDecidesTheSame(
      String point, @TempDir Path dir) throws Exception {
    RegistryFixture f = new RegistryFixture(copy(base, dir.resolve("reg")));
    RegistryFixture.Run killed =
        point.equals("training")
            ? f.retrain(
                killOnEpochLine("epoch 5/10"),
                "r2",
                RegistryFixture.TRAIN,
                "registry.gate.tolerance=0.1")
            : f.retrainWith(
                p -> {
                  if (p.equals(point)) {
                    throw new IllegalStateException("simulated kill at " + p);
                  }
                },
                null,
                "r2",
                RegistryFixture.TRAIN,
                "registry.gate.tolerance=0.1");
    assertEquals(1, killed.exitCode(), killed.out());
    assertTrue(killed.errorLine().contains("simulated kill"), killed.err());
    assertFalse(Files.exists(f.registry.resolve("versions/r2/_SUCCESS")));

    // Exactly one champion, and its model is whole.
    String champion = f.champion();
    boolean pointerMoved = point.equals("promoted") || point.equals("recorded");
    assertEquals(pointerMoved ? "r2" : "r1", champion);
    ModelStore.load(new Configuration(), f.registry.resolve("versions/" + champion).toString());

    RegistryFixture.Run rerun =
        f.retrain("r2", RegistryFixture.TRAIN, "registry.gate.tolerance=0.1");
    assertEquals(0, rerun.exitCode(), rerun.err());
    if (point.equals("training")) {
      assertTrue(rerun.out().contains("resuming from "), rerun.out());
    }
    JsonNode d = rerun.decision();
    assertEquals(reference.path("promoted"), d.path("promoted"));
    assertEquals(reference.path("reason"), d.path("reason"));
    assertEquals(reference.path("gate"), d.path("gate"));
    assertEquals(reference.path("candidate"), d.path("candidate"));
    assertEquals("r2", f.champion());
    List<JsonNode> h = f.history();
    assertEquals(List.of("r1", "r2"), h.stream().map(e -> e.path("version").asText()).toList());
  }

  @Test
  void twoConcurrentRunsOfOneIdTrainOnce(@TempDir Path dir) throws Exception {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<RegistryFixture.Run> first = new AtomicReference<>();
    // A stale period of 3 s: the second run sees the first's heartbeat within 0.6 s.
    java.util.function.Consumer<String> points =
        p -> {
          if (p.equals("locked")) {
            locked.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Thread a =
        new Thread(
            () ->
                first.set(
                    f.retrainWith(
                        points,
                        null,
                        "c1",
                        RegistryFixture.TRAIN,
                        "registry.lock.stale-minutes=0.05")));
    a.start();
    locked.await();
    RegistryFixture.Run second =
        f.retrain("c1", RegistryFixture.TRAIN, "registry.lock.stale-minutes=0.05");
    release.countDown();
    a.join();
    assertEquals(6, second.exitCode(), second.err());
    String lock = f.registry.resolve("locks/c1.lock").toString();
    assertTrue(
        second.errorLine().startsWith("error: run c1 is already running: " + lock + " is held by "),
        second.errorLine());
    assertTrue(
        second
            .errorLine()
            .endsWith("(its heartbeat was seen; a lock unchanged for 3.0 s is taken over)"),
        second.errorLine());
    assertFalse(second.out().contains("epoch"), second.out());
    assertEquals(0, first.get().exitCode(), first.get().err());
    assertTrue(first.get().out().contains("epoch 10/10"));
    assertEquals(1, f.history().size());
    assertFalse(Files.exists(f.registry.resolve("locks/c1.lock")));
  }

  @Test
  void aFeatureShiftedByFiveStandardDeviationsFailsTheDriftCheckByName(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(copy(base, dir.resolve("reg")));
    String shifted =
        RegistryFixture.rewrite(
            dir,
            "shifted.csv",
            rows -> {
              double sum = 0;
              double sq = 0;
              for (String[] r : rows) {
                double v = Double.parseDouble(r[2]);
                sum += v;
                sq += v * v;
              }
              double mean = sum / rows.size();
              double std = Math.sqrt(sq / rows.size() - mean * mean);
              for (String[] r : rows) {
                r[2] = Double.toString(Double.parseDouble(r[2]) + 5 * std);
              }
              return rows;
            });
    RegistryFixture.Run psi = f.retrain("r2", shifted);
    assertEquals(3, psi.exitCode(), psi.err());
    assertTrue(
        psi.errorLine()
            .startsWith(
                "error: "
                    + shifted
                    + ": drift from the champion r1 at or above mlp.registry.drift.fail = 0.25 in"
                    + " 'petal_length_cm' (psi "),
        psi.errorLine());
    assertFalse(psi.errorLine().contains("sepal"), psi.errorLine());

    RegistryFixture.Run shift =
        f.retrain("r2", shifted, "registry.drift.measure=mean-shift", "registry.drift.fail=3");
    assertEquals(3, shift.exitCode(), shift.err());
    assertTrue(
        shift.errorLine().contains("in 'petal_length_cm' (mean-shift 5.000; mean "),
        shift.errorLine());
    assertNothingPromoted(f);
  }

  @Test
  void aDroppedOrRenamedColumnFailsTheSchemaCheckWithBothNames(@TempDir Path dir)
      throws IOException {
    RegistryFixture f = new RegistryFixture(copy(base, dir.resolve("reg")));
    List<String> lines = Files.readAllLines(Path.of(RegistryFixture.TRAIN));
    StringBuilder dropped = new StringBuilder();
    StringBuilder renamed = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",");
      dropped.append(c[0]).append(',').append(c[1]).append(',').append(c[2]).append(',');
      dropped.append(c[4]).append('\n');
      renamed.append(i == 0 ? lines.get(i).replace("petal_width_cm", "petal_w") : lines.get(i));
      renamed.append('\n');
    }
    Path droppedCsv = Files.writeString(dir.resolve("dropped.csv"), dropped);
    Path renamedCsv = Files.writeString(dir.resolve("renamed.csv"), renamed);

    RegistryFixture.Run d = f.retrain("r2", droppedCsv.toString());
    assertEquals(3, d.exitCode(), d.err());
    assertEquals(
        "error: "
            + droppedCsv
            + ": the schema differs from the champion r1: the champion's feature 4"
            + " 'petal_width_cm' is absent; missing ['petal_width_cm']",
        d.errorLine());
    RegistryFixture.Run r = f.retrain("r2", renamedCsv.toString());
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(
        "error: "
            + renamedCsv
            + ": the schema differs from the champion r1: feature 4 is 'petal_w', the champion"
            + " has 'petal_width_cm'; missing ['petal_width_cm']; not in the champion ['petal_w']",
        r.errorLine());
    assertNothingPromoted(f);
  }

  @Test
  void anUnknownClassIsAnErrorUnlessAllowed(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(copy(base, dir.resolve("reg")));
    String extra =
        RegistryFixture.rewrite(
            dir,
            "new-class.csv",
            rows -> {
              rows.get(0)[4] = "unknown_iris";
              return rows;
            });
    RegistryFixture.Run run = f.retrain("r2", extra, "data.class-names=[]");
    assertEquals(3, run.exitCode(), run.err());
    assertEquals(
        "error: "
            + extra
            + ": label(s) [unknown_iris] are unknown to the champion r1 (classes [setosa,"
            + " versicolor, virginica]); set mlp.registry.checks.allow-new-classes=true to train a"
            + " new model from scratch",
        run.errorLine());
    assertNothingPromoted(f);
  }

  private static void assertNothingPromoted(RegistryFixture f) {
    assertEquals("r1", f.champion());
    assertEquals(1, f.history().size());
    assertFalse(Files.exists(f.registry.resolve("versions/r2/decision.json")));
    assertFalse(Files.exists(f.registry.resolve("versions/r2/_SUCCESS")));
  }

  /** A console stream that throws once a line containing {@code marker} has been printed. */
  private static OutputStream killOnEpochLine(String marker) {
    return new OutputStream() {
      private final StringBuilder seen = new StringBuilder();

      @Override
      public void write(int b) {
        seen.append((char) b);
        if (b == '\n' && seen.indexOf(marker) >= 0) {
          throw new IllegalStateException("simulated kill during training, after " + marker);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
          write(b[off + i]);
        }
      }
    };
  }

  static Path copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
