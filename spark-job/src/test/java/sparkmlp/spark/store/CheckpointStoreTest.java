package sparkmlp.spark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint folder housekeeping: listing order and the temporaries a killed run leaves. */
class CheckpointStoreTest {
  @Test
  void listsCheckpointsOldestFirstAndRemovesOnlyStaleTemporaries(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("ckpt-e000001-s000000000.ckpt"), "b");
    Files.writeString(dir.resolve("ckpt-e000000-s000000005.ckpt"), "a");
    Files.writeString(dir.resolve(".ckpt-e000001-s000000005.ckpt.tmp-1234abcd"), "partial");
    Files.writeString(dir.resolve("notes.txt"), "kept");
    CheckpointStore store = new CheckpointStore(new Configuration(), dir.toString(), 2);
    List<String> names =
        store.checkpoints().stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
    assertEquals(List.of("ckpt-e000000-s000000005.ckpt", "ckpt-e000001-s000000000.ckpt"), names);
    assertEquals(1, store.removeStaleTemporaries());
    assertFalse(Files.exists(dir.resolve(".ckpt-e000001-s000000005.ckpt.tmp-1234abcd")));
    assertTrue(Files.exists(dir.resolve("notes.txt")));
    assertEquals(2, store.checkpoints().size());
    assertEquals(0, store.removeStaleTemporaries());
  }
}
