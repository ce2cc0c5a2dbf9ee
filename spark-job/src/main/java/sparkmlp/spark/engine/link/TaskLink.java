package sparkmlp.spark.engine.link;

/** One resident task as the driver sees it once it joined: who it is, and how to drop it. */
public interface TaskLink {
  /** The partition whose task this is. */
  int partition();

  /** The barrier stage the task belongs to. */
  int stageId();

  /** The attempt of the barrier stage the task belongs to. */
  int stageAttempt();

  /** Ends the link; the task's next wait fails. */
  void close();
}
