package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.ml.examples.DigitsPipelineExample;

/** The example of docs/spark-ml.md runs as written (with fewer epochs). */
class DigitsPipelineExampleTest {
  @Test
  void exampleFitsEvaluatesSavesLoadsAndCrossValidates(@TempDir Path out) throws Exception {
    DigitsPipelineExample.Result r =
        DigitsPipelineExample.run(Digits.spark(), Digits.TRAIN, Digits.TEST, out.toString(), 3);
    assertTrue(r.testAccuracy() > 0.8, "accuracy " + r.testAccuracy());
    assertEquals(r.testAccuracy(), r.reloadedAccuracy(), 0.0);
    assertEquals(4, r.cvMetrics().length);
    assertTrue(Files.exists(out.resolve("cv-model/bestModel/stages")));
  }
}
