package sparkmlp.core.train;

import java.util.Objects;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.task.Task;

/**
 * Held-out examples and how to score them: the task and, for classification, the class count
 * ({@code classes} is ignored for regression).
 */
public record ValidationSet(Task task, int classes, DataBlock block) {
  public ValidationSet {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(block, "block");
  }
}
