package sparkmlp.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the golden files in {@code src/test/resources/golden/}: {@code iris-tiny-dropout.mlp}
 * (header version 2) from {@link ModelFixtures#irisTinyDropout()}, and {@code iris-tiny.mlp}
 * (version 1) from {@link ModelFixtures#irisTiny()}, which must never change. Run only by hand, and
 * only when the file format changes on purpose: {@code mvn -o -pl core test
 * -Dtest=GoldenModelFileGenerator -Dsparkmlp.writeGolden=true}; then commit the files.
 */
class GoldenModelFileGenerator {
  @Test
  @EnabledIfSystemProperty(named = "sparkmlp.writeGolden", matches = "true")
  void writeGoldenModelFile() throws IOException {
    Path out = Path.of(ModelFixtures.GOLDEN_SOURCE_PATH);
    Files.createDirectories(out.getParent());
    Files.write(out, ModelFixtures.bytes(ModelFixtures.irisTiny()));
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        ModelFixtures.bytes(ModelFixtures.irisTiny()), Files.readAllBytes(out));
    Path v2 = Path.of(ModelFixtures.GOLDEN_V2_SOURCE_PATH);
    Files.write(v2, ModelFixtures.bytes(ModelFixtures.irisTinyDropout()));
  }
}
