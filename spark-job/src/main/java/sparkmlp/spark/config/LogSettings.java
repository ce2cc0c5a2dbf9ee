package sparkmlp.spark.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Console output ({@code mlp.log}).
 *
 * @param progress when to draw the progress bar
 */
public record LogSettings(Progress progress) {

  /** Rejects a missing progress mode. */
  public LogSettings {
    Objects.requireNonNull(progress, "progress");
  }

  /** When the progress bar is drawn: {@code auto} draws it only when the console is a terminal. */
  public enum Progress {
    AUTO,
    ALWAYS,
    NEVER;

    /** The name used in configs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether to draw the bar, given whether the console is a terminal. */
    public boolean draws(boolean terminal) {
      return switch (this) {
        case AUTO -> terminal;
        case ALWAYS -> true;
        case NEVER -> false;
      };
    }
  }
}
