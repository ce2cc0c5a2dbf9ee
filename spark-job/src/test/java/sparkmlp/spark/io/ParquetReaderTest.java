package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkmlp.spark.io.IoFixtures.error;
import static sparkmlp.spark.io.IoFixtures.read;
import static sparkmlp.spark.io.IoFixtures.rows;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {

  @TempDir Path dir;

  /** Writes {@code rows} as one Parquet file under {@code dir/name} (a Spark output directory). */
  private String write(String name, StructType schema, List<Row> rows) {
    String path = dir.resolve(name).toString();
    IoTestSpark.get().createDataFrame(rows, schema).coalesce(1).write().parquet(path);
    return path;
  }

  private static DataSpec parquet(
      String path, List<String> labels, List<String> features, String vector) {
    return new DataSpec(
        "mlp.data.train",
        path,
        null,
        DataSpec.Columns.labelled(labels, features),
        new DataSpec.Layout(DataFormat.PARQUET, vector, 0));
  }

  @Test
  void readsNumericColumnsWithStringOrNumberLabels() {
    StructType schema =
        new StructType()
            .add("a", DataTypes.DoubleType)
            .add("b", DataTypes.IntegerType)
            .add("name", DataTypes.StringType)
            .add("y", DataTypes.DoubleType);
    String path =
        write(
            "t.parquet",
            schema,
            List.of(
                RowFactory.create(1.5, 2, "cat", 3.0), RowFactory.create(-1.0, 4, "dog", 0.25)));
    RawData data =
        read(parquet(path, List.of("name", "y"), List.of(), "features")); // absent: numeric columns
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(List.of("name", "y"), data.labelNames());
    assertEquals(
        List.of(
            new RawExample(0, new double[] {1.5, 2}, new String[] {"cat", "3"}),
            new RawExample(1, new double[] {-1, 4}, new String[] {"dog", "0.25"})),
        rows(data));
  }

  @Test
  void readsAnMlVectorColumnDenseOrSparse() {
    StructType schema =
        new StructType().add("label", DataTypes.IntegerType).add("features", new VectorUDT());
    String path =
        write(
            "v",
            schema,
            List.of(
                RowFactory.create(1, Vectors.dense(1, 2, 3)),
                RowFactory.create(0, Vectors.sparse(3, new int[] {2}, new double[] {9}))));
    RawData data = read(parquet(path, List.of("label"), List.of(), "features"));
    assertEquals(List.of("features[0]", "features[1]", "features[2]"), data.featureNames());
    List<RawExample> rows = rows(data);
    assertArrayEquals(new double[] {1, 2, 3}, rows.get(0).features());
    assertArrayEquals(new double[] {0, 0, 9}, rows.get(1).features());
    assertEquals("0", rows.get(1).labels()[0]);
  }

  @Test
  void theFeaturesColumnIsUsedOnlyWhenPresentAndNoFeatureColumnsAreNamed() {
    StructType schema =
        new StructType()
            .add("label", DataTypes.IntegerType)
            .add("features", new VectorUDT())
            .add("a", DataTypes.DoubleType);
    String path = write("both", schema, List.of(RowFactory.create(1, Vectors.dense(1, 2), 7.0)));
    assertEquals(
        List.of("a"),
        read(parquet(path, List.of("label"), List.of("a"), "features")).featureNames());
    assertEquals(
        path
            + ": feature column 'features' has type vector; expected a number"
            + " (for a column of vectors, make it the features column)",
        error(() -> read(parquet(path, List.of("label"), List.of(), "vec"))));
  }

  @Test
  void readsTheStructAVectorBecomesWithoutTheUdtClassAndNumberArrays() {
    StructType vector =
        new StructType()
            .add("type", DataTypes.ByteType)
            .add("size", DataTypes.IntegerType)
            .add("indices", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("values", DataTypes.createArrayType(DataTypes.DoubleType));
    StructType schema =
        new StructType()
            .add("label", DataTypes.StringType)
            .add("v", vector)
            .add("arr", DataTypes.createArrayType(DataTypes.FloatType));
    String path =
        write(
            "s",
            schema,
            List.of(
                RowFactory.create(
                    "a",
                    RowFactory.create((byte) 1, null, null, List.of(1.0, 2.0).toArray()),
                    new Float[] {1f, 2f}),
                RowFactory.create(
                    "b",
                    RowFactory.create((byte) 0, 2, new Integer[] {1}, new Double[] {5.0}),
                    new Float[] {3f, 4f})));
    List<RawExample> struct = rows(read(parquet(path, List.of("label"), List.of(), "v")));
    assertArrayEquals(new double[] {1, 2}, struct.get(0).features());
    assertArrayEquals(new double[] {0, 5}, struct.get(1).features());
    List<RawExample> array = rows(read(parquet(path, List.of("label"), List.of(), "arr")));
    assertArrayEquals(new double[] {3, 4}, array.get(1).features());
  }

  @Test
  void reportsSchemaErrorsAtOnce() {
    StructType schema =
        new StructType()
            .add("a", DataTypes.DoubleType)
            .add("s", DataTypes.StringType)
            .add("label", DataTypes.StringType);
    String path = write("bad", schema, List.of(RowFactory.create(1.0, "x", "y")));
    assertEquals(
        path + ": no label column 'lable'; columns are: a, s, label",
        error(() -> read(parquet(path, List.of("lable"), List.of(), null))));
    assertEquals(
        path + ": feature column 's' has type string; expected a number",
        error(() -> read(parquet(path, List.of("label"), List.of(), null))));
    assertEquals(
        path + ": no feature column 'z'; columns are: a, s, label",
        error(() -> read(parquet(path, List.of("label"), List.of("z"), null))));
  }

  @Test
  void reportsAFileThatIsNotParquet() {
    String path = IoFixtures.text(dir, "t.parquet", "a,label", "1,x").toString();
    String message = error(() -> read(parquet(path, List.of("label"), List.of(), null)));
    assertTrue(message.startsWith(path + ": cannot read as Parquet: "), message);
  }

  @Test
  void reportsBadCellsWithTheirRow() {
    StructType schema =
        new StructType().add("a", DataTypes.DoubleType).add("label", DataTypes.StringType);
    String nan =
        write(
            "nan",
            schema,
            List.of(RowFactory.create(1.0, "x"), RowFactory.create(Double.NaN, "y")));
    assertEquals(
        nan + ": row 2: feature 'a' is NaN",
        error(parquet(nan, List.of("label"), List.of(), null)));
    String nul = write("null", schema, List.of(RowFactory.create(null, "x")));
    assertEquals(
        nul + ": row 1: feature 'a' is null",
        error(parquet(nul, List.of("label"), List.of(), null)));
    String empty = write("empty", schema, List.of(RowFactory.create(1.0, "")));
    assertEquals(
        empty + ": row 1: empty label in column 'label'",
        error(parquet(empty, List.of("label"), List.of(), null)));

    StructType vectors =
        new StructType().add("label", DataTypes.IntegerType).add("features", new VectorUDT());
    String ragged =
        write(
            "ragged",
            vectors,
            List.of(
                RowFactory.create(1, Vectors.dense(1, 2)),
                RowFactory.create(1, Vectors.dense(1, 2, 3))));
    assertEquals(
        ragged + ": row 2: column 'features' has 3 values, expected 2",
        error(parquet(ragged, List.of("label"), List.of(), "features")));
  }
}
