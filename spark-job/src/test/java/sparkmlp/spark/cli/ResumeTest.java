package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.spark.TestData;
import sparkmlp.spark.store.CheckpointStore;

/** {@code train --resume}: what it loads and what it says it loaded. */
class ResumeTest {
  @TempDir Path dir;

  @Test
  void unreadableNewestCheckpointIsSkippedAndTheLoadedOneIsNamed() throws Exception {
    Path data =
        TestData.write(
            dir,
            "d.csv",
            "a,b,label\n1,2,x\n3,4,y\n1.5,2.5,x\n3.5,4.5,y\n0.5,1,x\n4,5,y\n1,1.5,x\n3,3.5,y\n");
    Path out = dir.resolve("model");
    assertEquals(0, CliRunner.mlp(args(data, out, 2)).exitCode());
    List<String> saved =
        new CheckpointStore(new Configuration(), out.resolve("checkpoints").toString(), 2)
            .checkpoints();
    assertEquals(2, saved.size(), saved.toString());
    String older = saved.get(0);
    String newest = saved.get(1);
    Files.writeString(Path.of(URI.create(newest).getPath()), "not a checkpoint");

    CliRunner.Run r = CliRunner.mlp(args(data, out, 3, "--resume"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.err().contains("warning: skipping unreadable checkpoint " + newest + ": "), r.err());
    assertTrue(r.out().contains("resuming from " + older + " (epoch 2, step 1)\n"), r.out());
  }

  private static String[] args(Path data, Path out, int epochs, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "train",
                "--set",
                "data.train=" + data,
                "--set",
                "output.dir=" + out,
                "--set",
                "model.hidden-layers=[3]",
                "--set",
                "train.epochs=" + epochs,
                "--set",
                "train.batch-size=4",
                "--set",
                "log.progress=never"));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }
}
