package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import sparkmlp.ml.MlpClassificationModel;
import sparkmlp.ml.MlpClassifier;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;

/**
 * MLlib's {@link MultilayerPerceptronClassifier} on the same data and layer sizes, in its best
 * setting on this machine: native BLAS, one BLAS thread per task ({@code OPENBLAS_NUM_THREADS=1},
 * as for sparkmlp), features scaled to [0, 1] by dividing by 255, the training DataFrame cached in
 * memory in as many partitions as sparkmlp's. Each setting is a separate fit from the same seed.
 */
record MlpcRun(
    int[] layers,
    int blockSize,
    long seed,
    int partitions,
    String blas,
    double prepareSeconds,
    List<Fit> fits,
    List<Fit> stageFits) {

  /** One fit: its solver and iterations, wall seconds of {@code fit()}, and test accuracy. */
  record Fit(String solver, int maxIter, double stepSize, double seconds, double testAccuracy) {
    String setting() {
      return solver + " " + maxIter + " it" + (solver.equals("gd") ? ", step " + stepSize : "");
    }
  }

  /**
   * The requested fits: l-bfgs at each of {@code lbfgsIterations}, then gd for {@code gdIterations}
   * (0 = none), then sparkmlp's {@link MlpClassifier} (the MLPC drop-in) on the same cached
   * DataFrame for each of {@code stageEpochs} epochs, with the config's optimiser, batch and
   * schedule.
   */
  static MlpcRun run(
      SparkSession spark,
      JobConfig config,
      int partitions,
      List<Integer> lbfgsIterations,
      int gdIterations,
      double gdStepSize,
      List<Integer> stageEpochs,
      Progress progress) {
    long started = System.nanoTime();
    DataSettings d = config.data();
    DataPreparer prep = new DataPreparer(spark, d);
    RawData trainRaw = prep.read("mlp.data.train", d.train(), d.trainLabels());
    RawData testRaw = prep.read("mlp.data.test", d.test(), d.testLabels());
    Dataset<Row> train = frame(spark, trainRaw, partitions).persist(StorageLevel.MEMORY_ONLY());
    Dataset<Row> test = frame(spark, testRaw, partitions).persist(StorageLevel.MEMORY_ONLY());
    long n = train.count();
    test.count();
    double prepareSeconds = (System.nanoTime() - started) / 1e9;
    int features = trainRaw.featureNames().size();
    List<Integer> hidden = config.model().hiddenLayers();
    int classes = (int) train.select("label").distinct().count();
    int[] layers = new int[hidden.size() + 2];
    layers[0] = features;
    for (int i = 0; i < hidden.size(); i++) {
      layers[i + 1] = hidden.get(i);
    }
    layers[layers.length - 1] = classes;
    long seed = config.train().seed();
    int blockSize = 128;
    // MLlib's ANN calls this BLAS for its GEMMs (BreezeUtil.dgemm → BLAS.nativeBLAS).
    String blas = org.apache.spark.ml.linalg.BLAS$.MODULE$.nativeBLAS().getClass().getSimpleName();
    progress.line(
        "  MLPC data: %,d training rows cached in %d partitions (%.1f s); MLlib's BLAS: %s",
        n, partitions, prepareSeconds, blas);

    List<Fit> fits = new ArrayList<>();
    List<Fit> stageFits = new ArrayList<>();
    try {
      for (int iters : lbfgsIterations) {
        fits.add(fit(train, test, layers, blockSize, seed, "l-bfgs", iters, 0.03, progress));
      }
      if (gdIterations > 0) {
        fits.add(
            fit(train, test, layers, blockSize, seed, "gd", gdIterations, gdStepSize, progress));
      }
      for (int epochs : stageEpochs) {
        stageFits.add(stageFit(train, test, layers, config, epochs, progress));
      }
    } finally {
      train.unpersist();
      test.unpersist();
    }
    return new MlpcRun(layers, blockSize, seed, partitions, blas, prepareSeconds, fits, stageFits);
  }

  private static Fit fit(
      Dataset<Row> train,
      Dataset<Row> test,
      int[] layers,
      int blockSize,
      long seed,
      String solver,
      int iters,
      double stepSize,
      Progress progress) {
    progress.line("  MLPC %s, maxIter %d: fitting...", solver, iters);
    MultilayerPerceptronClassifier mlpc =
        new MultilayerPerceptronClassifier()
            .setLayers(layers)
            .setBlockSize(blockSize)
            .setSeed(seed)
            .setMaxIter(iters)
            .setSolver(solver)
            .setStepSize(stepSize);
    train.sparkSession().sparkContext().setJobDescription("MLPC " + solver + " " + iters);
    long started = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlpc.fit(train);
    double seconds = (System.nanoTime() - started) / 1e9;
    double accuracy = testAccuracy(model, test);
    progress.line(
        "  MLPC %s, maxIter %d: fit %.1f s, test accuracy %.4f", solver, iters, seconds, accuracy);
    return new Fit(solver, iters, stepSize, seconds, accuracy);
  }

  /** sparkmlp's Pipeline stage where MLPC was: only the class name, solver and settings differ. */
  private static Fit stageFit(
      Dataset<Row> train,
      Dataset<Row> test,
      int[] layers,
      JobConfig config,
      int epochs,
      Progress progress) {
    TrainSettings t = config.train();
    String solver = t.optimizer().name().id();
    progress.line("  MlpClassifier %s, %d epochs: fitting...", solver, epochs);
    MlpClassifier stage =
        new MlpClassifier()
            .setLayers(layers)
            .setSeed(t.seed())
            .setMaxIter(epochs)
            .setSolver(solver)
            .setStepSize(t.optimizer().learningRate())
            .setBatchSize(t.batchSize())
            .setSchedule(t.schedule().type().id())
            .setScheduleStepEpochs(t.schedule().stepEpochs())
            .setScheduleGamma(t.schedule().gamma())
            .setScheduleWarmupSteps(t.schedule().warmupSteps())
            .setScheduleMinFraction(t.schedule().minFraction())
            .setSchedulePctStart(t.schedule().pctStart())
            .setScheduleDivFactor(t.schedule().divFactor())
            .setScheduleFinalDivFactor(t.schedule().finalDivFactor());
    train.sparkSession().sparkContext().setJobDescription("MlpClassifier " + epochs + " epochs");
    long started = System.nanoTime();
    MlpClassificationModel model = stage.fit(train);
    double seconds = (System.nanoTime() - started) / 1e9;
    double accuracy = testAccuracy(model, test);
    progress.line(
        "  MlpClassifier %s, %d epochs: fit %.1f s, test accuracy %.4f",
        solver, epochs, seconds, accuracy);
    return new Fit(
        "MlpClassifier " + solver, epochs, t.optimizer().learningRate(), seconds, accuracy);
  }

  private static double testAccuracy(Transformer model, Dataset<Row> test) {
    return new MulticlassClassificationEvaluator()
        .setMetricName("accuracy")
        .evaluate(model.transform(test));
  }

  /** (features, label) rows, pixels divided by 255, in {@code partitions} partitions. */
  private static Dataset<Row> frame(SparkSession spark, RawData raw, int partitions) {
    JavaRDD<Row> rows = raw.rows().map(MlpcRun::row).repartition(partitions);
    StructType schema =
        new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema);
  }

  private static Row row(RawExample r) {
    double[] x = r.features().clone();
    for (int j = 0; j < x.length; j++) {
      x[j] /= 255.0;
    }
    return RowFactory.create(Vectors.dense(x), Double.parseDouble(r.labels()[0]));
  }

  Fit best() {
    Fit b = null;
    for (Fit f : fits) {
      if (b == null || f.testAccuracy() > b.testAccuracy()) {
        b = f;
      }
    }
    return b;
  }

  /** Fit seconds of the quickest setting that reached {@code target}, or NaN. */
  double timeTo(double target) {
    double best = Double.NaN;
    for (Fit f : fits) {
      if (f.testAccuracy() >= target && !(f.seconds() >= best)) {
        best = f.seconds();
      }
    }
    return best;
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ArrayNode l = n.putArray("layers");
    for (int v : layers) {
      l.add(v);
    }
    n.put("block_size", blockSize);
    n.put("seed", seed);
    n.put("partitions", partitions);
    n.put("blas", blas);
    n.put("openblas_num_threads", System.getenv("OPENBLAS_NUM_THREADS"));
    n.put("features", "pixels / 255");
    n.put("hidden_activation", "sigmoid (fixed in MLlib)");
    n.put("prepare_and_cache_seconds", prepareSeconds);
    ArrayNode a = n.putArray("fits");
    for (Fit f : fits) {
      ObjectNode o = a.addObject();
      o.put("solver", f.solver());
      o.put("max_iter", f.maxIter());
      if (f.solver().equals("gd")) {
        o.put("step_size", f.stepSize());
      }
      o.put("fit_seconds", f.seconds());
      o.put("test_accuracy", f.testAccuracy());
    }
    ArrayNode st = n.putArray("mlp_classifier_fits");
    for (Fit f : stageFits) {
      ObjectNode o = st.addObject();
      o.put("solver", f.solver());
      o.put("epochs", f.maxIter());
      o.put("fit_seconds", f.seconds());
      o.put("test_accuracy", f.testAccuracy());
    }
    ObjectNode to = n.putObject("time_to_accuracy_seconds");
    for (double target : SpeedTargets.ACCURACIES) {
      to.put(String.valueOf(target), timeTo(target));
    }
    return n;
  }
}
