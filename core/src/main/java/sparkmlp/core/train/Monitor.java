package sparkmlp.core.train;

import java.util.Locale;
import sparkmlp.core.format.Ids;
import sparkmlp.core.task.Task;

/**
 * What early stopping watches after each epoch (Keras's names): {@code loss}, {@code val_loss},
 * {@code val_accuracy}.
 */
public enum Monitor {
  /** Mean training loss of the epoch. */
  LOSS(false, false),
  /** Loss on the validation data. */
  VAL_LOSS(true, false),
  /**
   * Accuracy on the validation data: of the predicted class (multiclass, binary) or of every label
   * bit (multilabel); regression has none.
   */
  VAL_ACCURACY(true, true);

  private final boolean needsValidation;
  private final boolean maximises;

  Monitor(boolean needsValidation, boolean maximises) {
    this.needsValidation = needsValidation;
    this.maximises = maximises;
  }

  /** True when the value exists only with validation data. */
  public boolean needsValidation() {
    return needsValidation;
  }

  /** True when larger values are better. */
  public boolean maximises() {
    return maximises;
  }

  /** True when a model of this task produces the value. */
  public boolean appliesTo(Task task) {
    return switch (this) {
      case LOSS, VAL_LOSS -> true;
      case VAL_ACCURACY -> task != Task.REGRESSION;
    };
  }

  /** The watched value in an epoch's metrics (NaN when the epoch had no validation data). */
  public double valueIn(EpochMetrics m) {
    return switch (this) {
      case LOSS -> m.loss();
      case VAL_LOSS -> m.valLoss();
      case VAL_ACCURACY -> m.valAccuracy();
    };
  }

  /** The name used in configs: {@code loss}, {@code val_loss}, {@code val_accuracy}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The monitor named {@code id} (any case). */
  public static Monitor fromId(String id) {
    Monitor m = Ids.find(values(), Monitor::id, id);
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown monitor '" + id + "'; expected " + Ids.alternatives(values(), Monitor::id));
    }
    return m;
  }
}
