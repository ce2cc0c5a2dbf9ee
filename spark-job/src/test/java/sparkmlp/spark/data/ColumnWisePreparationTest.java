package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.task.Task;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.DistributedTrainingTest;

/**
 * Parquet read column-wise (Spark's column batches) prepares, bit for bit, what the row path
 * prepares from the same files (forced by turning Spark's vectorized Parquet reader off, so the
 * plan yields no batches): the same examples with the same indices, hence the same blocks in every
 * partition, normaliser, fingerprint and validation blocks, for number columns of every type and
 * string, boolean and number labels; and bad cells give the row path's message.
 */
class ColumnWisePreparationTest {

  private static final StructType SCHEMA =
      new StructType()
          .add("i", DataTypes.IntegerType)
          .add("l", DataTypes.LongType)
          .add("f", DataTypes.FloatType)
          .add("d", DataTypes.DoubleType)
          .add("s", DataTypes.ShortType)
          .add("m", DataTypes.createDecimalType(10, 3))
          .add("text", DataTypes.StringType)
          .add("flag", DataTypes.BooleanType)
          .add("y", DataTypes.DoubleType);

  @ParameterizedTest(name = "{0} files, label {1}, {2} partitions, {3} storage, validation {4}")
  @CsvSource({
    "1, text, 1, double, 0",
    "3, flag, 4, float, 0",
    "3, y, 7, double, 0.25",
    "4, text, 3, float, 0.25"
  })
  void columnWiseBlocksEqualThoseOfTheRowPath(
      int files, String label, int partitions, String storage, double fraction, @TempDir Path dir) {
    String path = write(dir.resolve("t.parquet"), rows(203), files);
    JobConfig config =
        DistributedTrainingTest.digits(
            dir,
            "data.train=\"" + path + "\"",
            "data.format=parquet",
            "data.label-column=" + label,
            "data.feature-columns=[i, l, f, d, s, m]",
            "data.partitions=" + partitions,
            "data.storage=" + storage,
            "data.validation-split=" + fraction);
    PreparedData columns = prepare(config, true, files);
    PreparedData rows = prepare(config, false, files);
    try {
      assertEquals(rows.normalizer(), columns.normalizer());
      assertEquals(rows.fingerprint().hex(), columns.fingerprint().hex());
      assertEquals(rows.numTrain(), columns.numTrain());
      OnePassPreparationTest.assertSameBlocks(
          rows.train().map(PartitionData::block).collect(),
          columns.train().map(PartitionData::block).collect());
      if (fraction > 0) {
        OnePassPreparationTest.assertSameBlocks(
            rows.validation().collect(), columns.validation().collect());
      }
    } finally {
      columns.release();
      rows.release();
    }
  }

  @Test
  void badCellsGiveTheRowPathsMessage(@TempDir Path dir) {
    Map<String, Row> cases =
        Map.of(
            "row 3: feature 'i' is null",
            RowFactory.create(null, 1L, 1f, 1.0, (short) 1, BigDecimal.ONE, "a", true, 1.0),
            "row 3: feature 'd' is null",
            RowFactory.create(1, 1L, Float.NaN, null, (short) 1, BigDecimal.ONE, "a", true, 1.0),
            "row 3: feature 'f' is infinite",
            RowFactory.create(
                1, 1L, Float.NEGATIVE_INFINITY, 1.0, (short) 1, BigDecimal.ONE, "a", true, 1.0),
            "row 3: label 'y' is NaN",
            RowFactory.create(1, 1L, 1f, 1.0, (short) 1, BigDecimal.ONE, "a", true, Double.NaN),
            "row 3: empty label in column 'y'",
            RowFactory.create(null, 1L, 1f, 1.0, (short) 1, BigDecimal.ONE, "a", true, null));
    int n = 0;
    for (Map.Entry<String, Row> c : cases.entrySet()) {
      List<Row> data = rows(2);
      data.add(c.getValue());
      String path = write(dir.resolve("bad" + n++), data, 1);
      JobConfig config =
          DistributedTrainingTest.digits(
              dir,
              "data.train=\"" + path + "\"",
              "data.format=parquet",
              "data.label-column=y",
              "data.feature-columns=[i, l, f, d, s, m]");
      assertEquals(path + ": " + c.getKey(), error(() -> prepare(config, true, 1)), "columns");
      assertEquals(path + ": " + c.getKey(), error(() -> prepare(config, false, 1)), "rows");
    }
  }

  @Test
  void aTableWiderThanSparksCodegenLimitIsReadColumnWiseAndTheLimitStays(@TempDir Path dir) {
    StructType wide = new StructType().add("label", DataTypes.IntegerType);
    int width = 120; // Spark hands out column batches for at most spark.sql.codegen.maxFields (100)
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      Object[] cells = new Object[width + 1];
      cells[0] = r % 2;
      for (int j = 1; j <= width; j++) {
        cells[j] = r * 1000.0 + j;
      }
      rows.add(RowFactory.create(cells));
    }
    for (int j = 1; j <= width; j++) {
      wide = wide.add("x" + j, DataTypes.DoubleType);
    }
    String path = dir.resolve("wide").toString();
    SharedSpark.session().createDataFrame(rows, wide).coalesce(1).write().parquet(path);
    JobConfig config =
        DistributedTrainingTest.digits(
            dir, "data.train=\"" + path + "\"", "data.format=parquet", "data.label-column=label");
    SparkSession spark = SharedSpark.session();
    RawData raw =
        new DataPreparer(spark, config.data()).read("mlp.data.train", config.data().train(), null);
    assertEquals(5, raw.count(), "read column-wise, so counted on reading");
    assertEquals(false, spark.conf().contains("spark.sql.codegen.maxFields"));
    double[] last = raw.rows().collect().get(4).features();
    assertEquals(4000.0 + width, last[width - 1]);
    assertEquals(4001.0, last[0]);
  }

  /** Rows of every column type, labels of a few classes, all values distinct enough to tell. */
  private static List<Row> rows(int n) {
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      rows.add(
          RowFactory.create(
              r * 7 - 300,
              (long) r * r * 1_000_003L,
              (float) Math.sin(r) * 3.3f,
              Math.cos(r * 0.7) / 3,
              (short) (r % 50 - 20),
              new BigDecimal(r * 13 - 1000).movePointLeft(3),
              "c" + (r % 3),
              r % 4 == 1,
              (double) (r % 5) / 2));
    }
    return rows;
  }

  /** Writes {@code rows} as {@code files} part files under {@code dir}; one file in their order. */
  private static String write(Path dir, List<Row> rows, int files) {
    Dataset<Row> df = SharedSpark.session().createDataFrame(rows, SCHEMA);
    (files == 1 ? df.coalesce(1) : df.repartition(files)).write().parquet(dir.toString());
    return dir.toString();
  }

  /**
   * Reads and prepares: column-wise, or row by row with Spark's vectorized reader off; every file
   * its own input partition. Checks which path ran: only the column-wise one knows its row count
   * after reading.
   */
  private static PreparedData prepare(JobConfig config, boolean columnWise, int files) {
    SparkSession spark = SharedSpark.session();
    DataPreparer prep = new DataPreparer(spark, config.data());
    RawData raw;
    spark.conf().set("spark.sql.parquet.enableVectorizedReader", Boolean.toString(columnWise));
    spark.conf().set("spark.sql.files.openCostInBytes", "1g");
    try {
      raw = prep.read("mlp.data.train", config.data().train(), null);
    } finally {
      spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
      spark.conf().unset("spark.sql.files.openCostInBytes");
    }
    assertEquals(columnWise, raw.count() >= 0, "read column-wise");
    assertEquals(files, raw.rows().getNumPartitions(), "input partitions");
    Task task = Task.MULTICLASS;
    LabelEncoder enc = prep.encoderFor(task, raw);
    return prep.prepare(raw, null, enc, Normalizer.Kind.STANDARD, null, 42, task);
  }

  private static String error(Supplier<PreparedData> action) {
    try {
      action.get().release();
    } catch (Exception e) { // a SparkException too
      InputException found = InputException.find(e);
      assertNotNull(found, () -> "expected an InputException, got " + e);
      return found.getMessage();
    }
    return fail("expected an InputException, but preparing succeeded");
  }
}
