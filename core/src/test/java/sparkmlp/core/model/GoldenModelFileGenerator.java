package sparkmlp.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes {@code src/test/resources/golden/iris-tiny.mlp} from {@link ModelFixtures#irisTiny()}. Run
 * only by hand, and only when the file format changes on purpose: {@code mvn -o -pl core test
 * -Dtest=GoldenModelFileGenerator -Dsparkmlp.writeGolden=true}; then commit the file.
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
  }
}
