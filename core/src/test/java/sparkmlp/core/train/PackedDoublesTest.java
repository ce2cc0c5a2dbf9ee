package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackedDoublesTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8191, 8192, 8193, 20000})
  void roundTripsEveryBitAcrossChunkBoundaries(int length) throws IOException {
    double[] v = values(length);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      PackedDoubles.write(out, v);
      out.writeInt(42); // what follows is still readable: exactly the array's bytes were consumed
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      double[] back = PackedDoubles.read(in);
      assertEquals(length, back.length);
      for (int i = 0; i < length; i++) {
        assertEquals(
            Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]), "value " + i);
      }
      assertEquals(42, in.readInt());
    }
  }

  @Test
  void gradientSumSerialisesWithItsLossAndCount() throws Exception {
    GradientSum sum = new GradientSum(values(10000), -2.5, 77);
    GradientSum back = (GradientSum) deserialize(serialize(sum));
    assertArrayEquals(sum.grad(), back.grad(), 0);
    assertEquals(-2.5, back.lossSum());
    assertEquals(77, back.count());
  }

  @Test
  void truncatedDataIsAnError() throws Exception {
    byte[] full = serialize(new GradientSum(values(100), 1, 1));
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 9);
    assertThrows(IOException.class, () -> deserialize(cut));
  }

  /** Random doubles plus the special values whose bits must survive: ±0, ±∞, NaN, subnormals. */
  private static double[] values(int n) {
    SplittableRandom r = new SplittableRandom(n);
    double[] v = new double[n];
    double[] special = {
      -0.0,
      0.0,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.NaN,
      Double.MIN_VALUE,
      -Double.MAX_VALUE
    };
    for (int i = 0; i < n; i++) {
      v[i] = i < special.length ? special[i] : r.nextDouble(-1e6, 1e6);
    }
    return v;
  }

  private static byte[] serialize(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] b) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return in.readObject();
    }
  }
}
