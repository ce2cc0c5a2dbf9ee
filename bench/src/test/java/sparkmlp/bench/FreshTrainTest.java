package sparkmlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The data benchmark's peak-RSS figures against issue 24's bound. */
class FreshTrainTest {
  @Test
  void theBoundIsOneAndAHalfTimesTheCachePlusOneGibibyte() {
    FreshTrain.Result r = new FreshTrain.Result("-Xmx4g", 1.0, 2.0, 416_000_000L, 1L, 3.0);
    assertEquals(624_000_000L + 1_073_741_824L, r.boundBytes());
  }

  @Test
  void aPeakAtTheBoundIsWithinItAndOneByteMoreIsNot() {
    long cache = 2_080_000_000L;
    long bound = 3_120_000_000L + 1_073_741_824L;
    FreshTrain.Result at = new FreshTrain.Result("a", 1.0, 2.0, cache, bound, 3.0);
    FreshTrain.Result over = new FreshTrain.Result("b", 1.0, 2.0, cache, bound + 1, 3.0);
    assertEquals(
        "{\"jvm_options\":\"a\",\"prepare_seconds\":1.0,\"epoch_seconds\":2.0,"
            + "\"cache_bytes\":2080000000,\"peak_rss_bytes\":4193741824,"
            + "\"bound_bytes\":4193741824,\"within_bound\":true,\"cpu_seconds\":3.0}",
        at.toJson().toString());
    assertFalse(over.toJson().get("within_bound").asBoolean());
  }

  @Test
  void anUnknownPeakIsNotWithinTheBound() {
    FreshTrain.Result r = new FreshTrain.Result("a", 1.0, 2.0, 416_000_000L, -1L, 3.0);
    assertFalse(r.toJson().get("within_bound").asBoolean());
  }
}
