package sparkmlp.spark.config;

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
  public enum Progress implements ConfigEnum {
    AUTO("auto"),
    ALWAYS("always"),
    NEVER("never");

    private final String configName;

    Progress(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }
}
