package sparkmlp.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.TrainingState;

/** The progress bar leaves its line clean, whether an epoch ends or the run stops inside one. */
class ConsoleReporterTest {
  private static final String CLEAR = "\r" + " ".repeat(78) + "\r";

  @Test
  void aRunThatStopsInsideAnEpochClearsTheBarsLineOnce() {
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    ConsoleReporter reporter =
        new ConsoleReporter(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(bar, true, StandardCharsets.UTF_8),
            3);
    reporter.endBar(); // nothing drawn yet: nothing to clear
    assertEquals("", bar.toString(StandardCharsets.UTF_8));
    TrainingState state = new TrainingState(new double[1], new OptimizerState(0, new double[0][]));
    state.epoch = 1;
    state.step = 5;
    state.epochLossSum = 2.5;
    state.epochCount = 10;
    reporter.onStep(state, 10);
    reporter.endBar();
    reporter.endBar();
    assertEquals(
        "\repoch 2/3 [===============               ] 5/10 loss 0.2500 " + CLEAR,
        bar.toString(StandardCharsets.UTF_8));
  }
}
