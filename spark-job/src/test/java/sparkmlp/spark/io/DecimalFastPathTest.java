package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path reads exactly what Double.parseDouble reads, or leaves the text to it, from text
 * and from UTF-8 bytes alike.
 */
class DecimalFastPathTest {

  /** The text's value, checked to be bit for bit the value read from its UTF-8 bytes. */
  private static double fast(String s) {
    double v = DecimalFastPath.parse(s, 0, s.length());
    byte[] b = ("," + s + ",").getBytes(StandardCharsets.UTF_8);
    double fromBytes = DecimalFastPath.parse(b, 1, b.length - 1);
    assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(fromBytes), s);
    return v;
  }

  @Test
  void plainDecimalsAreBitForBitThoseOfParseDouble() {
    SplittableRandom random = new SplittableRandom(7);
    int fastOnes = 0;
    for (int i = 0; i < 200_000; i++) {
      String s = randomDecimal(random);
      double v = fast(s);
      if (!Double.isNaN(v)) {
        fastOnes++;
        assertEquals(
            Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s);
      }
    }
    assertTrue(fastOnes > 150_000, "most cells take the fast path: " + fastOnes);
  }

  @Test
  void signsZerosAndTheEdgesOfTheRange() {
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(fast("-0")));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(fast("-0.000e7")));
    assertEquals(0.0, fast("0e999"), 0.0);
    assertEquals(1e22, fast("1e22"), 0.0);
    assertEquals(-0.0125, fast("-1.25e-2"), 0.0);
    assertEquals(5.0, fast("5."), 0.0);
    assertEquals(0.5, fast(".5"), 0.0);
    assertEquals(1.5, fast("+1.5"), 0.0);
    assertEquals(9007199254740992.0, fast("9007199254740992"), 0.0);
  }

  @Test
  void leavesEverythingElseToTheFullParser() {
    for (String s :
        new String[] {
          "9007199254740993", // above 2^53
          "1234567890123456789", // 19 digits
          "1e23",
          "1e-23",
          "1e12345",
          "",
          ".",
          "-",
          "1e",
          "1e+",
          "1f",
          "0x10",
          "--1",
          "1.5.5",
          "NaN",
          "inf",
          " 1",
          "1,5",
          "\uff11", // a fullwidth digit
          "1\u00b2"
        }) {
      assertTrue(Double.isNaN(fast(s)), s);
    }
  }

  private static String randomDecimal(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int sign = r.nextInt(3);
    sb.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
    int intDigits = r.nextInt(10);
    for (int k = 0; k < intDigits; k++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    if (intDigits == 0 || r.nextBoolean()) {
      sb.append('.');
      int frac = r.nextInt(1, 10);
      for (int k = 0; k < frac; k++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    if (r.nextInt(4) == 0) {
      sb.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(-25, 26));
    }
    return sb.toString();
  }
}
