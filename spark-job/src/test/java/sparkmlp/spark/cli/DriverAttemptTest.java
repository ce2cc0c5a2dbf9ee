package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A restarted YARN driver resumes from the failed attempt's checkpoint, and only then. */
class DriverAttemptTest {
  private static Properties yarn(String attemptId) {
    Properties p = new Properties();
    if (attemptId != null) {
      p.setProperty("spark.yarn.app.attemptId", attemptId);
    }
    return p;
  }

  @Test
  void attemptNumberFromYarnThenContextElseOne() {
    assertEquals(2, DriverAttempt.number(yarn("2"), scala.Option.apply("1")));
    assertEquals(3, DriverAttempt.number(yarn(null), scala.Option.apply("3")));
    assertEquals(1, DriverAttempt.number(yarn(null), scala.Option.empty()));
    assertEquals(1, DriverAttempt.number(yarn("x"), scala.Option.empty()));
  }

  @Test
  void firstAttemptResumesOnlyWhenAsked() {
    assertFalse(DriverAttempt.resume(1, false, true));
    assertFalse(DriverAttempt.resume(1, false, false));
    assertTrue(DriverAttempt.resume(1, true, false));
  }

  @Test
  void laterAttemptResumesWhenACheckpointExists() {
    assertTrue(DriverAttempt.resume(2, false, true));
    assertTrue(DriverAttempt.resume(5, false, true));
    assertFalse(DriverAttempt.resume(2, false, false), "nothing to resume: start fresh");
    assertTrue(DriverAttempt.resume(2, true, false));
  }
}
