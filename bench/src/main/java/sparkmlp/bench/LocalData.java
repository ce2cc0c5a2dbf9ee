package sparkmlp.bench;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.TrainingSetup;

/**
 * The training and test sets as single in-memory blocks for core's single-process code, prepared
 * exactly as {@code TrainJob} prepares them (same encoder, normaliser and ranks, so the same
 * batches), with the network, training configuration and initial weights the job would use.
 */
record LocalData(
    Network network,
    Task task,
    int classes,
    TrainingConfig training,
    double[] initialParams,
    DataBlock train,
    DataBlock test,
    double seconds) {

  static LocalData load(SparkSession spark, JobConfig config, Progress progress) {
    long started = System.nanoTime();
    DataSettings d = config.data();
    Task task = config.model().task();
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    DataPreparer prep = new DataPreparer(spark, d);
    RawData raw = prep.read("mlp.data.train", d.train(), d.trainLabels());
    RawData testRaw = prep.read("mlp.data.test", d.test(), d.testLabels());
    LabelEncoder encoder = prep.encoderFor(task, raw);
    Network net = TrainingSetup.network(config.model(), raw.featureNames().size(), encoder);
    Normalizer.Kind kind = config.model().normalization();
    PreparedData data = prep.prepare(raw, null, encoder, kind, null, tc.seed(), task);
    progress.line("  read and prepared in Spark: %.1f s", (System.nanoTime() - started) / 1e9);
    DataBlock train;
    DataBlock test;
    try {
      train = DataBlock.concat(data.train().map(PartitionData::block).collect());
      JavaRDD<DataBlock> testBlocks =
          prep.evaluationBlocks(testRaw, encoder, data.normalizer(), data.featureNames());
      test = DataBlock.concat(testBlocks.collect());
      progress.line("  collected to the driver: %.1f s", (System.nanoTime() - started) / 1e9);
    } finally {
      data.release();
    }
    double[] init = TrainingSetup.initializer(config.model(), net).initialise(net, tc.seed());
    int classes = task.isClassification() ? encoder.names().size() : 0;
    return new LocalData(
        net, task, classes, tc, init, train, test, (System.nanoTime() - started) / 1e9);
  }

  /**
   * The examples of {@code block} whose rank has the given remainder mod {@code parts}, keeping
   * their ranks (so a batch plan over the global n gives each part its share of every global
   * batch), or, with {@code renumber}, ranked 0, 1, 2, … as a data set of its own.
   */
  static DataBlock part(DataBlock block, int parts, int index, boolean renumber) {
    int nf = block.numFeatures();
    int tr = block.targetRows();
    int n = 0;
    for (int i = 0; i < block.size(); i++) {
      if (block.rank(i) % parts == index) {
        n++;
      }
    }
    double[] x = new double[n * nf];
    double[] y = new double[n * tr];
    long[] ranks = new long[n];
    int at = 0;
    for (int i = 0; i < block.size(); i++) {
      if (block.rank(i) % parts == index) {
        block.copyExample(i, x, y, at);
        ranks[at] = renumber ? at : block.rank(i);
        at++;
      }
    }
    return DataBlock.of(nf, tr, x, y, ranks);
  }
}
