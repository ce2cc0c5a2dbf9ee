package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.data.Precision;

/**
 * One point of the network grid: executors, link rate, engine ({@code jobs+direct}, {@code
 * jobs+sharded}, {@code barrier}, {@code peer}), hidden layers, precision, global batch.
 */
record NetworkGridPoint(
    int executors, String link, String engine, String hidden, Precision precision, int batch) {

  /** The {@code --set} values that select this point's engine, network and precision. */
  List<String> sets() {
    List<String> sets = new ArrayList<>();
    String[] parts = engine.split("\\+");
    sets.add("train.engine=" + parts[0]);
    if (parts.length > 1) {
      sets.add("train.reduction=" + parts[1]);
    }
    sets.add("model.hidden-layers=[" + hidden + "]");
    sets.add("train.precision=" + precision.id());
    sets.add("train.batch-size=" + batch);
    sets.add("data.partitions=" + executors);
    return sets;
  }

  /** A folder name for the run's output. */
  String slug() {
    return String.join(
        "-",
        "k" + executors,
        link,
        engine.replace('+', '-'),
        hidden.replace(',', 'x'),
        precision.id());
  }
}
