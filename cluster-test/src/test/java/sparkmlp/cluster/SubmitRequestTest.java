package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submit request rejects what SparkSubmit would trip over later, naming the value. */
class SubmitRequestTest {

  @Test
  void missingJarIsRejectedWithItsPath(@TempDir Path tmp) {
    Path jar = tmp.resolve("absent.jar");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SubmitRequest.builder().setAppJar(jar).setMainClass("x.Main").build());
    assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
  }

  @Test
  void heapInJvmOptionsAndMalformedHeapAreRejected(@TempDir Path tmp) throws IOException {
    Path jar = Files.createFile(tmp.resolve("app.jar"));
    IllegalArgumentException xmx =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SubmitRequest.builder()
                    .setAppJar(jar)
                    .setMainClass("x.Main")
                    .optJvmOptions("-Xmx2g")
                    .build());
    assertTrue(xmx.getMessage().contains("'-Xmx2g'"), xmx.getMessage());
    IllegalArgumentException heap =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SubmitRequest.builder()
                    .setAppJar(jar)
                    .setMainClass("x.Main")
                    .optDriverHeap("lots")
                    .build());
    assertTrue(heap.getMessage().contains("'lots'"), heap.getMessage());
  }

  @Test
  void defaultsAreFastStartJvmAndThreeMinutes(@TempDir Path tmp) throws IOException {
    SubmitRequest request =
        SubmitRequest.builder()
            .setAppJar(Files.createFile(tmp.resolve("app.jar")))
            .setMainClass("x.Main")
            .optArgs("a", "b")
            .build();
    assertEquals(SubmitRequest.FAST_START_JVM_OPTIONS, request.jvmOptions());
    assertEquals(180, request.timeout().toSeconds());
    assertEquals(List.of("a", "b"), request.args());
  }
}
