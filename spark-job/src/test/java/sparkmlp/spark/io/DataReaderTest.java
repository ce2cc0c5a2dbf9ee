package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static sparkmlp.spark.io.IoFixtures.error;
import static sparkmlp.spark.io.IoFixtures.read;
import static sparkmlp.spark.io.IoFixtures.spec;
import static sparkmlp.spark.io.IoFixtures.text;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReaderTest {

  @TempDir Path dir;

  @Test
  void autoGoesByTheFileName() {
    String csv = text(dir, "t.csv", "a,label", "1,x").toString();
    assertEquals(List.of("a"), read(spec(csv, DataFormat.AUTO)).featureNames());
    String svm = text(dir, "t.svm", "1 2:1").toString();
    assertEquals(List.of("f1", "f2"), read(spec(svm, DataFormat.AUTO)).featureNames());
    Path parts = dir.resolve("csvparts");
    text(parts, "part-00000.csv", "a,b,label", "1,2,x");
    assertEquals(List.of("a", "b"), read(spec(parts.toString(), null)).featureNames());
  }

  @Test
  void autoTakesAnUntellingDirectoryEvenAPartitionedOneAsParquet() {
    Path table = dir.resolve("out");
    // The layout partitionBy("day") writes, without its sort: one subdirectory per value.
    IoTestSpark.get()
        .createDataFrame(
            List.of(RowFactory.create(1.0, "x"), RowFactory.create(2.0, "y")),
            new StructType().add("a", DataTypes.DoubleType).add("label", DataTypes.StringType))
        .coalesce(1)
        .write()
        .parquet(table.resolve("day=1").toString());
    DataSpec spec =
        new DataSpec(
            "mlp.data.train",
            table.toString(),
            null,
            DataSpec.Columns.labelled(List.of("label"), List.of()),
            new DataSpec.Layout(DataFormat.AUTO, null, 0));
    RawData data = read(spec);
    assertEquals(List.of("a", "day"), data.featureNames());
    assertEquals(2, data.rows().count());
  }

  @Test
  void autoThatCannotDecideSaysSo() {
    String path = text(dir, "data.txt", "1 1:1").toString();
    assertEquals(
        path + ": cannot tell the format from the name; set mlp.data.format",
        error(spec(path, DataFormat.AUTO)));
  }

  @Test
  void reportsAMissingPathAsGivenWithItsKey() {
    String uri = "file://" + dir.resolve("missing") + "/";
    DataSpec spec =
        new DataSpec(
            "mlp.data.test",
            uri,
            null,
            DataSpec.Columns.labelled(List.of(), List.of()),
            new DataSpec.Layout(DataFormat.CSV, null, 0));
    assertEquals("mlp.data.test: no such file or directory: " + uri, error(spec));
  }

  @Test
  void readsAFileUri() {
    String path = "file://" + text(dir, "t.csv", "a,label", "1,x");
    RawData data = read(spec(path, DataFormat.CSV));
    assertEquals(path, data.source());
    assertEquals(1, data.rows().count());
  }

  @Test
  void reportsADirectoryWithoutDataFiles() {
    Path empty = dir.resolve("empty");
    text(empty, "_SUCCESS");
    assertEquals(
        empty + ": the directory has no data files", error(spec(empty.toString(), DataFormat.CSV)));
  }
}
