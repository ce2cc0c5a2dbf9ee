package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  private static final Configuration CONF = new Configuration();

  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void trailingSlashesAreStrippedOnlyAtTheEnd() {
    assertEquals("out", AtomicFiles.withoutTrailingSlash("out///"));
    assertEquals("hdfs://nn/data/run", AtomicFiles.withoutTrailingSlash("hdfs://nn/data/run/"));
    assertEquals("file:///tmp/x", AtomicFiles.withoutTrailingSlash("file:///tmp/x"));
  }

  @Test
  void writesAndReplacesAFile() throws IOException {
    String path = dir.resolve("sub/model.json").toString();
    AtomicFiles.writeString(CONF, path, "one");
    AtomicFiles.write(
        CONF,
        path,
        out -> {
          try (OutputStream o = out) { // a body that closes the stream must not cut the write short
            o.write("two".getBytes(StandardCharsets.UTF_8));
          }
        });
    assertEquals("two", AtomicFiles.readString(CONF, path));
    assertTrue(AtomicFiles.exists(CONF, path));
    try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
      assertEquals(List.of("model.json"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aFailingBodyLeavesTheTargetByteIdenticalAndNoTemporary() throws IOException {
    Path target = dir.resolve("model.json");
    byte[] before = {1, 2, 3, 0, -1};
    Files.write(target, before);
    IOException cause = new IOException("disk full");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                AtomicFiles.write(
                    CONF,
                    target.toString(),
                    out -> {
                      out.write(new byte[] {9, 9, 9, 9, 9, 9, 9});
                      throw cause;
                    }));
    assertSame(cause, e.getCause());
    assertEquals(target + ": cannot write: disk full", e.getMessage());
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(
        bug,
        assertThrows(
            IllegalStateException.class,
            () ->
                AtomicFiles.write(
                    CONF,
                    target.toString(),
                    out -> {
                      out.write(7);
                      throw bug;
                    })));
    assertArrayEquals(before, Files.readAllBytes(target));
    assertEquals(List.of("model.json"), names());
  }

  @Test
  void theHadoopPathRenamesWithOverwriteAndCleansUpToo() throws IOException {
    FileSystem fs = FileSystem.getLocal(CONF);
    Path target = dir.resolve("ckpt.bin");
    AtomicFiles.writeHadoop(
        CONF, fs, new org.apache.hadoop.fs.Path(target.toString()), out -> out.write(1));
    AtomicFiles.writeHadoop(
        CONF, fs, new org.apache.hadoop.fs.Path(target.toString()), out -> out.write(2));
    assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
    assertThrows(
        IOException.class,
        () ->
            AtomicFiles.writeHadoop(
                CONF,
                fs,
                new org.apache.hadoop.fs.Path(target.toString()),
                out -> {
                  out.write(3);
                  throw new IOException("boom");
                }));
    assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
    assertFalse(names().stream().anyMatch(n -> n.contains(".tmp-")), names().toString());
    // The local write drops the stale checksum Hadoop's LocalFileSystem left, so reads still
    // verify.
    AtomicFiles.writeString(CONF, target.toString(), "new");
    assertEquals("new", AtomicFiles.readString(CONF, target.toString()));
  }

  @Test
  void listsVisibleEntriesInNameOrder() throws IOException {
    Files.writeString(dir.resolve("b"), "");
    Files.writeString(dir.resolve("a"), "");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve(".a.crc"), "");
    String given = dir + "/";
    assertEquals(List.of(dir + "/a", dir + "/b"), AtomicFiles.list(CONF, given));
    assertEquals(List.of(), AtomicFiles.list(CONF, dir.resolve("none").toString()));
    assertTrue(AtomicFiles.delete(CONF, dir + "/a"));
    assertFalse(AtomicFiles.exists(CONF, dir + "/a"));
  }

  @Test
  void openingAMissingFileNamesIt() {
    String path = dir.resolve("nope").toString();
    assertEquals(
        path + ": no such file",
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.open(CONF, path)).getMessage());
  }

  @Test
  void aBoundedReadRefusesALargerFileBeforeReadingIt() throws IOException {
    Path big = dir.resolve("meta");
    Files.write(big, new byte[2049]);
    sparkmlp.spark.io.InputException e =
        assertThrows(
            sparkmlp.spark.io.InputException.class,
            () -> AtomicFiles.readString(new Configuration(), big.toString(), 2048));
    assertEquals(big + ": 2049 bytes, more than the 2048 such a file may have", e.getMessage());
    assertEquals(2049, AtomicFiles.readString(new Configuration(), big.toString(), 2049).length());
  }
}
