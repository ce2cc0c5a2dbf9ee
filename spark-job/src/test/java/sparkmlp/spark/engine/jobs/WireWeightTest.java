package sparkmlp.spark.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;

/**
 * A step's result crosses Spark's wire (Java serialisation: a direct task result, or shuffle slices
 * of the sharded reduction) with its weight total: the update divides by it, so weighted examples
 * ({@code weightCol}) would otherwise be averaged by count.
 */
class WireWeightTest {
  @Test
  void directStepResultKeepsTheWeightTotal() throws Exception {
    GradientSum sum =
        GradientBuffers.acquire(3)
            .merge(new GradientSum(new double[] {1.5, -2.0, 0.25}, 3.75, 4, 6.5));
    GradientSum back = roundTrip(StepResult.pooled(sum)).sum();
    assertEquals(4, back.count());
    assertEquals(6.5, back.weight(), 0.0);
    assertEquals(3.75, back.lossSum(), 0.0);
    assertArrayEquals(new double[] {1.5, -2.0, 0.25}, back.grad(), 0.0);
  }

  @Test
  void shardSliceKeepsTheWeightTotal() throws Exception {
    double[] grad = {1, 2, 3, 4, 5};
    GradientShard back =
        roundTrip(new GradientShard(0, 3, new GradientSum(grad, 2.5, 7, 11.25), 1, 3, true));
    assertEquals(7, back.count());
    assertEquals(11.25, back.weight(), 0.0);
    assertEquals(2.5, back.lossSum(), 0.0);
    double[] into = new double[3];
    back.copyTo(into, 0);
    assertArrayEquals(new double[] {2, 3, 4}, into, 0.0);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
