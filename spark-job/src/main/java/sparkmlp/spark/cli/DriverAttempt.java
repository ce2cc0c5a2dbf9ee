package sparkmlp.spark.cli;

import java.util.Properties;

/**
 * A restarted driver: YARN runs the whole command again when a driver fails and {@code
 * spark.yarn.maxAppAttempts} allows another attempt. A second (or later) attempt of {@code train}
 * continues from the checkpoint the failed attempt left in the output folder, as {@code --resume}
 * would, instead of training again from scratch.
 */
final class DriverAttempt {
  private DriverAttempt() {}

  /**
   * The attempt number: YARN's ApplicationMaster sets {@code spark.yarn.app.attemptId} (1, 2, ...);
   * else the SparkContext's {@code applicationAttemptId}; 1 when neither is a number (client mode,
   * local, Kubernetes).
   */
  static int number(Properties system, scala.Option<String> contextAttempt) {
    String id = system.getProperty("spark.yarn.app.attemptId");
    if (id == null && contextAttempt != null && contextAttempt.isDefined()) {
      id = contextAttempt.get();
    }
    try {
      return id == null ? 1 : Math.max(1, Integer.parseInt(id.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * Whether training resumes: always with {@code --resume}; without it, only on attempt 2 or later
   * and only if the output folder holds a checkpoint (a first attempt that failed before its first
   * checkpoint starts fresh again).
   */
  static boolean resume(int attempt, boolean resumeFlag, boolean checkpointExists) {
    return resumeFlag || (attempt >= 2 && checkpointExists);
  }
}
