package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Reading where a standalone master listens from its log, as Spark 3.5 and 4.x write it. */
class StandaloneClusterTest {

  @Test
  void theMastersPortIsTheOneItStartedOnNotTheOneItWasGiven() {
    // A CI run's master log: the port it was given had been taken by another process.
    String log =
        """
        20:04:01.954 INFO Master: Started daemon with process name: 558@vm
        20:04:03.729 WARN Utils: Service 'sparkMaster' could not bind on port 36517. \
        Attempting port 36518.
        20:04:03.816 INFO Master: Starting Spark master at spark://127.0.0.1:36518
        20:04:03.836 INFO Master: Running Spark version 3.5.7
        """;
    assertEquals(OptionalInt.of(36518), StandaloneCluster.masterPort(log));
  }

  @Test
  void noPortUntilTheMasterHasStarted() {
    String log = "20:04:01.954 INFO Master: Started daemon with process name: 558@vm\n";
    assertEquals(OptionalInt.empty(), StandaloneCluster.masterPort(log));
  }
}
