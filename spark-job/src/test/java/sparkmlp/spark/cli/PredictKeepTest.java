package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.model.Model;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.io.RawExample;
import sparkmlp.spark.store.ModelStore;

/** {@code mlp predict --keep}: input columns beside the predictions, row by row; lazy scoring. */
class PredictKeepTest {
  @TempDir static Path dir;
  private static Path modelDir;
  private static Model model;
  private static double[][] x;

  @BeforeAll
  static void saveModel() {
    model = TestModels.iris();
    modelDir = dir.resolve("iris-model");
    ModelStore.save(new Configuration(), modelDir.toString(), model);
    x = TestModels.irisTestRows();
  }

  /** id-i and a customer name (blank every seventh row), columns in an unusual order. */
  private static Path csvWithIds() throws Exception {
    StringBuilder b = new StringBuilder("customer,");
    b.append(String.join(",", TestModels.IRIS_FEATURES)).append(",id\n");
    for (int i = 0; i < x.length; i++) {
      b.append(i % 7 == 3 ? "" : "\"Smith, " + i + "\"");
      for (double v : x[i]) {
        b.append(',').append(v);
      }
      b.append(",id-").append(i).append('\n');
    }
    Path p = dir.resolve("with-ids.csv");
    Files.writeString(p, b);
    return p;
  }

  @Test
  void keptCsvColumnsLineUpWithTheirPredictions() throws Exception {
    Path in = csvWithIds();
    Path out = dir.resolve("kept.csv");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            modelDir.toString(),
            "--data",
            in.toString(),
            "--output",
            out.toString(),
            "--keep",
            "id,customer");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .strip()
            .matches(
                "predictions written to "
                    + java.util.regex.Pattern.quote(out.toString())
                    + " \\(30 rows in \\d+\\.\\d s, [\\d,]+ rows/s\\)"),
        r.out());
    List<String> lines = Files.readAllLines(part(out, ".csv"));
    assertEquals(
        "row,id,customer,prediction,prob_setosa,prob_versicolor,prob_virginica", lines.get(0));
    assertEquals(x.length, lines.size() - 1);
    double[][] want = model.predict(x);
    for (String line : lines.subList(1, lines.size())) {
      // customer may be quoted and hold a comma: split the tail from the right
      int row = Integer.parseInt(line.substring(0, line.indexOf(',')));
      String[] tail = line.split(",");
      int n = tail.length;
      assertEquals("id-" + row, tail[1]);
      // Spark quotes the value with a comma; a blank cell stays blank.
      assertEquals(
          row % 7 == 3 ? "" : "\"Smith, " + row + "\"",
          line.replaceFirst("^\\d+,id-\\d+,", "").replaceFirst(",[^,]+,[^,]+,[^,]+,[^,]+$", ""));
      assertEquals(model.labelNames().get(model.classOf(want[row])), tail[n - 4]);
      for (int k = 0; k < 3; k++) {
        assertEquals(want[row][k], Double.parseDouble(tail[n - 3 + k]), 1e-12, "row " + row);
      }
    }
  }

  @Test
  void keptParquetColumnsLineUpWithTheirPredictionsAcrossPartitions() {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.LongType, false));
    for (String f : TestModels.IRIS_FEATURES) {
      fields.add(DataTypes.createStructField(f, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("region", DataTypes.StringType, true));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(
          RowFactory.create(
              1000L + i, x[i][0], x[i][1], x[i][2], x[i][3], i % 5 == 0 ? null : "r" + (i % 3)));
    }
    Path in = dir.resolve("with-ids.parquet");
    SharedSpark.session()
        .createDataFrame(rows, new StructType(fields.toArray(new StructField[0])))
        .repartition(3)
        .write()
        .parquet(in.toString());
    Path out = dir.resolve("kept.parquet");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            modelDir.toString(),
            "--data",
            in.toString(),
            "--output",
            out.toString(),
            "--keep",
            "id,region");
    assertEquals(0, r.exitCode(), r.err());
    List<Row> got = SharedSpark.session().read().parquet(out.toString()).collectAsList();
    assertEquals(x.length, got.size());
    double[][] want = model.predict(x);
    for (Row g : got) {
      int i = (int) (Long.parseLong(g.getString(g.fieldIndex("id"))) - 1000);
      assertEquals(i % 5 == 0 ? null : "r" + (i % 3), g.getString(g.fieldIndex("region")));
      assertEquals(
          model.labelNames().get(model.classOf(want[i])), g.getString(g.fieldIndex("prediction")));
      assertEquals(want[i][0], g.getDouble(g.fieldIndex("prob_setosa")), 1e-12);
      assertEquals(want[i][1], g.getDouble(g.fieldIndex("prob_versicolor")), 1e-12);
      assertEquals(want[i][2], g.getDouble(g.fieldIndex("prob_virginica")), 1e-12);
    }
  }

  @Test
  void unknownColumnToKeepIsOneLineNamingItAndTheFile() throws Exception {
    Path in = csvWithIds();
    Path out = dir.resolve("never.csv");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            modelDir.toString(),
            "--data",
            in.toString(),
            "--output",
            out.toString(),
            "--keep",
            "id,account");
    assertEquals(2, r.exitCode()); // a --keep naming a column the data lacks is a usage error
    assertEquals(
        "error: "
            + in
            + ": no column to keep 'account'; columns are: customer, sepal_length_cm,"
            + " sepal_width_cm, petal_length_cm, petal_width_cm, id",
        r.errorLine());
    assertFalse(Files.exists(out));
  }

  @Test
  void keptColumnNamedLikeAnOutputIsAnError() throws Exception {
    Path in = dir.resolve("clash.csv");
    Files.writeString(
        in, "prediction," + String.join(",", TestModels.IRIS_FEATURES) + "\nx,5.1,3.5,1.4,0.2\n");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            modelDir.toString(),
            "--data",
            in.toString(),
            "--output",
            dir.resolve("clash-out.csv").toString(),
            "--keep",
            "prediction");
    assertEquals(3, r.exitCode());
    assertEquals(
        "error: --keep: column 'prediction' has the name of an output column; rename it in the"
            + " data",
        r.errorLine());
  }

  @Test
  void keepOnDataWithoutNamedColumnsIsAnError() throws Exception {
    Path in = dir.resolve("iris.libsvm");
    Files.writeString(in, "0 1:5.1 2:3.5 3:1.4 4:0.2\n1 1:6.0 2:2.9 3:4.5 4:1.5\n");
    Path out = dir.resolve("libsvm-out.csv");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            modelDir.toString(),
            "--data",
            in.toString(),
            "--output",
            out.toString(),
            "--keep",
            "id");
    assertEquals(3, r.exitCode());
    assertEquals(
        "error: --keep: " + in + " has no named columns to keep; --keep needs CSV or Parquet data",
        r.errorLine());
    assertFalse(Files.exists(out));
  }

  /**
   * Scoring pulls one batch at a time: from an endless partition, 1,000 rows cost two batches of
   * 512 examples.
   */
  @Test
  void scoringStreamsBatchByBatch() {
    long[] pulled = {0};
    Iterator<RawExample> endless =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public RawExample next() {
            long i = pulled[0]++;
            return new RawExample(i, x[(int) (i % x.length)].clone(), new String[] {"k" + i});
          }
        };
    Iterator<Row> rows = PredictionRows.score(model, 1, endless, null);
    double[][] want = model.predict(x);
    for (int i = 0; i < 1000; i++) {
      Row row = rows.next();
      assertEquals((long) i, row.getLong(0));
      assertEquals("k" + i, row.getString(1));
      assertEquals(want[i % x.length][1], row.getDouble(4), 1e-12);
    }
    assertEquals(2 * PredictionRows.BATCH, pulled[0]);
  }

  private static Path part(Path out, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .filter(
              p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(suffix))
          .findFirst()
          .orElseThrow();
    }
  }
}
