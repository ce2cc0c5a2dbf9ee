package sparkmlp.spark.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * {@code mlp.train.precision = float} through Spark: float weights broadcast, sgemm on float
 * blocks, partition sums added in double on the driver. Float sums in another order (per partition,
 * then across partitions in double, against one float sum over the whole batch in the driver)
 * differ in the last float bits, so runs agree to a float tolerance, not bit for bit.
 */
class FloatPrecisionTrainingTest {
  /**
   * Two epochs (52 Adam steps) from the same start: the weights of float runs that only differ in
   * how the batch is split agree to this (measured 2.0e-7 for 1 vs 3 partitions and for Spark vs
   * the driver; double runs agree to 1e-9 and closer).
   */
  static final double FLOAT_RUN_TOLERANCE = 1e-5;

  private static TrainJob.Result train(Path out, String... extra) {
    return DistributedTrainingTest.train(
        DistributedTrainingTest.digits(out, extra), new TrainOptions(false, null, false));
  }

  private static double maxDiff(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @Test
  void aFloatRunThroughSparkTrainsDigitsToNinetyFivePercent(@TempDir Path out) {
    TrainJob.Result r =
        train(
            out,
            "train.precision=float",
            "data.partitions=3",
            "train.epochs=10",
            "data.test=" + TestData.dataset("digits", "test.csv"));
    assertEquals("spark", r.summary().at("/execution/engine").asText());
    assertEquals("float", r.summary().at("/execution/precision").asText());
    assertTrue(r.test().accuracy() >= 0.95, "test accuracy " + r.test().accuracy());
  }

  @Test
  void floatRunsAgreeAcrossPartitioningsAndWithTheDriver(@TempDir Path out) {
    double[] one =
        train(out.resolve("1"), "train.precision=float", "data.partitions=1").model().params();
    double[] three =
        train(out.resolve("3"), "train.precision=float", "data.partitions=3").model().params();
    double[] sharded =
        train(
                out.resolve("s"),
                "train.precision=float",
                "data.partitions=3",
                "train.reduction=sharded")
            .model()
            .params();
    // the same float partition sums, added in double in partition order either way
    assertArrayEquals(three, sharded, 0.0);
    TrainJob.Result driver =
        train(
            out.resolve("d"),
            "train.precision=float",
            "data.partitions=3",
            "train.single-process=auto");
    assertEquals("single-process", driver.summary().at("/execution/engine").asText());
    assertEquals("float", driver.summary().at("/execution/precision").asText());
    double[] d = driver.model().params();
    double[] dbl = train(out.resolve("double"), "data.partitions=3").model().params();
    assertTrue(maxDiff(one, three) < FLOAT_RUN_TOLERANCE, "1 vs 3: " + maxDiff(one, three));
    assertTrue(maxDiff(three, d) < FLOAT_RUN_TOLERANCE, "spark vs driver: " + maxDiff(three, d));
    // and it is float arithmetic: a double run would agree to double round-off (1e-9), here
    // 1.4e-7
    assertTrue(maxDiff(three, dbl) > 1e-9, "float run equals the double run");
  }

  @Test
  void floatWeightsCrossTheWireAsFloats() throws Exception {
    BroadcastWeights<Vec> w = BroadcastWeights.forStep(new double[] {0.1, -2.5, 1e-3}, true);
    ByteArrayOutputStream floatBytes = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(floatBytes)) {
      o.writeObject(w);
    }
    BroadcastWeights<?> back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(floatBytes.toByteArray()))) {
      back = (BroadcastWeights<?>) in.readObject();
    }
    FloatVec floats = assertInstanceOf(FloatVec.class, back.weights());
    assertArrayEquals(new float[] {0.1f, -2.5f, 1e-3f}, floats.values(), 0f);
  }

  @Test
  void aFloatStepResultCrossesTheWireAsFloatsWithTheSameValues() throws Exception {
    int n = 1000;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = (float) Math.sin(i) * 1e-3f; // what a float partial sum added into zeros holds
    }
    GradientSum sum = GradientBuffers.acquire(n).merge(new GradientSum(g, 2.5, 7, 7));
    byte[] asFloats = bytes(StepResult.pooledFloats(sum));
    GradientSum again = GradientBuffers.acquire(n).merge(new GradientSum(g, 2.5, 7, 7));
    byte[] asDoubles = bytes(StepResult.pooled(again));
    // 4 B a value against 8 B, plus the stream's class descriptor and block headers
    assertTrue(asFloats.length < 4 * n + 200, asFloats.length + " bytes");
    assertTrue(asDoubles.length > 8 * n, asDoubles.length + " bytes");
    StepResult back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(asFloats))) {
      back = (StepResult) in.readObject();
    }
    assertArrayEquals(g, back.sum().grad(), 0.0);
    assertEquals(2.5, back.sum().lossSum(), 0.0);
    assertEquals(7, back.sum().count());
  }

  private static byte[] bytes(Object value) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(value);
    }
    return b.toByteArray();
  }

  @Test
  void floatPrecisionCachesFloatBlocksAndAnUnknownPrecisionIsAConfigError(@TempDir Path out) {
    JobConfig c =
        DistributedTrainingTest.digits(out, "train.precision=float", "data.storage=double");
    assertEquals(Precision.FLOAT, c.train().precision());
    assertEquals(Precision.FLOAT, c.data().storage());
    assertEquals(Precision.DOUBLE, DistributedTrainingTest.digits(out).train().precision());
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> DistributedTrainingTest.digits(out, "train.precision=half"));
    assertEquals(
        "config key 'mlp.train.precision' must be one of double, float; found 'half'",
        e.getMessage());
  }
}
