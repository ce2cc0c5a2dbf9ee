package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.eval.EvaluationJob;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;
import sparkmlp.spark.run.TrainingSetup;

/**
 * A model's figures on the gate's holdout data, through the same evaluation as {@code mlp evaluate}
 * (each model with its own normalisation and classes), plus ROC AUC for binary models from the
 * collected scores.
 */
final class HoldoutEvaluation {
  private HoldoutEvaluation() {}

  /** The metric's value and the full metrics JSON (with "auc" for binary models). */
  record Figures(double value, ObjectNode json) {}

  static Figures of(
      JavaSparkContext jsc, DataPreparer prep, RawData holdout, Model m, GateMetric metric) {
    var blocks =
        prep.evaluationBlocks(holdout, TrainingSetup.encoder(m), m.normalizer(), m.featureNames());
    jsc.setJobDescription("gate: evaluating on " + holdout.source());
    Evaluation e = EvaluationJob.of(jsc, m).evaluate(blocks, m.params());
    ObjectNode json = e.toJson(m.labelNames());
    json.remove("confusion_matrix");
    json.remove("per_class");
    double auc = Double.NaN;
    if (m.task() == Task.BINARY) {
      auc = auc(jsc, holdout, m);
      json.put("auc", auc);
    }
    if (m.task() == Task.REGRESSION) {
      json.put("rmse", Math.sqrt(e.regression().mse()));
    }
    return new Figures(metric == GateMetric.AUC ? auc : metric.of(e), json);
  }

  private static double auc(JavaSparkContext jsc, RawData holdout, Model m) {
    String positive = m.labelNames().get(1);
    jsc.setJobDescription("gate: scores for AUC on " + holdout.source());
    List<Tuple2<Double, Boolean>> scored =
        holdout
            .rows()
            .mapPartitions(
                it -> {
                  List<RawExample> rows = new ArrayList<>();
                  it.forEachRemaining(rows::add);
                  double[][] x = new double[rows.size()][];
                  for (int i = 0; i < x.length; i++) {
                    x[i] = rows.get(i).features();
                  }
                  double[][] out = m.predict(x);
                  List<Tuple2<Double, Boolean>> s = new ArrayList<>();
                  for (int i = 0; i < x.length; i++) {
                    s.add(new Tuple2<>(out[i][0], positive.equals(rows.get(i).labels()[0])));
                  }
                  return s.iterator();
                })
            .collect();
    double[] scores = new double[scored.size()];
    boolean[] pos = new boolean[scored.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = scored.get(i)._1();
      pos[i] = scored.get(i)._2();
    }
    return GateMetric.rocAuc(scores, pos);
  }
}
