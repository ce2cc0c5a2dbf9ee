package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retrain whose run lock is taken over mid-training stops at its next write: the checkpoints
 * written before the loss stay, nothing follows them (issue 25's fencing of checkpoint writes).
 */
class RetrainLockLossTest {
  private static final String TAKER = "{\"owner\":\"someone-else\",\"generation\":2}";

  @Test
  void aRunWhoseLockIsTakenOverMidTrainingWritesNoFurtherCheckpoint(@TempDir Path dir)
      throws IOException {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    Path lock = f.registry.resolve("locks/r1.lock");
    // The "epoch 3/10" line is printed before epoch 3's checkpoint is written.
    RegistryFixture.Run r =
        f.retrain(
            takeOverOnEpochLine("epoch 3/10", lock),
            "r1",
            RegistryFixture.TRAIN,
            "train.checkpoint.keep=10");

    assertEquals(6, r.exitCode(), r.out() + r.err());
    assertEquals(
        "error: run r1 lost its lock "
            + lock
            + " (it was taken over by another run); stopping before writing anything",
        r.errorLine());
    Path version = f.registry.resolve("versions/r1");
    // no history.png: a run draws it at its end, and during the run only every 30 s at most
    assertEquals(
        List.of(
            "checkpoints/ckpt-e000001-s000000000.ckpt",
            "checkpoints/ckpt-e000002-s000000000.ckpt",
            "metrics.jsonl",
            "run.json"),
        files(version));
    assertEquals(2, Files.readAllLines(version.resolve("metrics.jsonl")).size());
    assertEquals(TAKER, Files.readString(lock), "the taker's lock is left in place");
    assertEquals(null, f.champion());
    assertEquals(List.of(), f.history());
  }

  /** A console stream that replaces the lock by another run's once {@code marker} is printed. */
  private static OutputStream takeOverOnEpochLine(String marker, Path lock) {
    return new OutputStream() {
      private final StringBuilder seen = new StringBuilder();
      private boolean done;

      @Override
      public void write(int b) {
        seen.append((char) b);
        if (!done && b == '\n' && seen.indexOf(marker) >= 0) {
          done = true;
          try {
            Path next = lock.resolveSibling(".taker.tmp");
            Files.writeString(next, TAKER);
            Files.move(next, lock, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
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

  /** Every file under {@code dir}, hidden ones too, by relative path, sorted. */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
