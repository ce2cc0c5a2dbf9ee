package sparkmlp.spark.engine.peer;

import sparkmlp.spark.engine.link.DriverPort;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.engine.link.TaskLink;

/** The driver's connection to one peer task: commands out, the step's totals back. */
record PeerLink(DriverPort.Joined joined) implements TaskLink {
  StepWire wire() {
    return joined.wire();
  }

  @Override
  public int partition() {
    return joined.hello().partition();
  }

  @Override
  public int stageId() {
    return joined.hello().stageId();
  }

  @Override
  public int stageAttempt() {
    return joined.hello().stageAttempt();
  }

  @Override
  public void close() {
    joined.wire().close();
  }
}
