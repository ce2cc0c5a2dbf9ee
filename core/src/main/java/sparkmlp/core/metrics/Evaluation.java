package sparkmlp.core.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sparkmlp.core.format.Json;

/**
 * What an evaluation found: example count, mean loss, and classification or regression metrics.
 * {@link #accuracy()} is NaN for regression.
 */
public record Evaluation(
    long count, double loss, ClassificationMetrics classification, RegressionMetrics regression) {
  public double accuracy() {
    return classification == null ? Double.NaN : classification.accuracy();
  }

  /** The metrics as a JSON object, with class names for the per-class figures. */
  public ObjectNode toJson(List<String> labelNames) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("examples", count);
    o.put("loss", loss);
    if (classification != null) {
      ClassificationMetrics c = classification;
      o.put("accuracy", c.accuracy());
      o.put("macro_precision", c.macroPrecision());
      o.put("macro_recall", c.macroRecall());
      o.put("macro_f1", c.macroF1());
      ArrayNode per = o.putArray("per_class");
      for (int i = 0; i < c.precision().length; i++) {
        ObjectNode e = per.addObject();
        e.put("class", i < labelNames.size() ? labelNames.get(i) : Integer.toString(i));
        e.put("precision", c.precision()[i]);
        e.put("recall", c.recall()[i]);
        e.put("f1", c.f1()[i]);
        e.put("support", c.support()[i]);
      }
      ArrayNode cm = o.putArray("confusion_matrix");
      for (long[] row : c.confusion()) {
        ArrayNode r = cm.addArray();
        for (long v : row) {
          r.add(v);
        }
      }
    }
    if (regression != null) {
      o.put("mse", regression.mse());
      o.put("mae", regression.mae());
      o.put("r2", regression.r2());
    }
    return o;
  }
}
