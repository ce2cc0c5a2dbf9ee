package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static sparkmlp.spark.io.IoFixtures.error;
import static sparkmlp.spark.io.IoFixtures.read;
import static sparkmlp.spark.io.IoFixtures.rows;
import static sparkmlp.spark.io.IoFixtures.text;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibSvmReaderTest {

  @TempDir Path dir;

  private static DataSpec libsvm(String path, int numFeatures) {
    return new DataSpec(
        "mlp.data.train",
        path,
        null,
        DataSpec.Columns.labelled(List.of(), List.of()),
        new DataSpec.Layout(DataFormat.LIBSVM, null, numFeatures));
  }

  @Test
  void readsDenseRowsInferringTheWidthFromTheLargestIndex() {
    String path =
        text(
                dir,
                "t.libsvm",
                "# a comment line",
                "+1 1:0.5 3:2",
                "",
                "-1 2:-1e-1 4:7 # trailing comment",
                "3 qid:2 1:1")
            .toString();
    RawData data = read(libsvm(path, 0));
    assertEquals(List.of("f1", "f2", "f3", "f4"), data.featureNames());
    assertEquals(List.of("label"), data.labelNames());
    assertEquals(
        List.of(
            new RawExample(0, new double[] {0.5, 0, 2, 0}, new String[] {"+1"}),
            new RawExample(1, new double[] {0, -0.1, 0, 7}, new String[] {"-1"}),
            new RawExample(2, new double[] {1, 0, 0, 0}, new String[] {"3"})),
        rows(data));
  }

  @Test
  void readsTabsCrlfAndLinesBeyondAsciiAsTheirText() {
    String path =
        text(
                dir,
                "t.libsvm",
                "1\t1:0.5 \t3:+4.25\r",
                "caf\u00e9 2:1e-3\u2003# a comment after an em space",
                "\u00a0# an NBSP is no blank to Java: this is a label",
                "7 1:12345678901234567890")
            .toString();
    assertEquals(
        List.of(
            new RawExample(0, new double[] {0.5, 0, 4.25}, new String[] {"1"}),
            new RawExample(1, new double[] {0, 0.001, 0}, new String[] {"caf\u00e9"}),
            new RawExample(2, new double[] {0, 0, 0}, new String[] {"\u00a0"}),
            new RawExample(3, new double[] {12345678901234567890.0, 0, 0}, new String[] {"7"})),
        rows(read(libsvm(path, 0))));
    String bad = text(dir, "bad.libsvm", "0 1:1", "1 2:\u00e9t\u00e9").toString();
    assertEquals(bad + ":2: bad libsvm pair '2:\u00e9t\u00e9'", error(libsvm(bad, 0)));
    assertEquals(bad + ":2: bad libsvm pair '2:\u00e9t\u00e9'", error(libsvm(bad, 3)));
  }

  @Test
  void aGivenWidthPadsWithZeros() {
    String path = text(dir, "t.libsvm", "0 2:1").toString();
    RawExample row = rows(read(libsvm(path, 5))).get(0);
    assertEquals(5, row.features().length);
    assertEquals(1.0, row.features()[1], 0.0);
  }

  @Test
  void reportsBadLinesWhetherFoundWhileInferringOrInATask() {
    String[][] cases = {
      {"1 1:2 x:y", "bad libsvm pair 'x:y'"},
      {"1 1:2 3", "bad libsvm pair '3'"},
      {"1 1:abc", "bad libsvm pair '1:abc'"},
      {"1 3:1 2:1", "feature indices not ascending: 2 after 3"},
      {"1 2:1 2:1", "feature indices not ascending: 2 after 2"},
      {"1 2:nan", "feature 2 is NaN"},
      {"1 2:-inf", "feature 2 is infinite"},
      {"1:0.5 2:1", "expected a label before the features, found '1:0.5'"},
    };
    for (String[] c : cases) {
      String path = text(dir, "bad.libsvm", "0 1:1", "0 1:1", c[0]).toString();
      assertEquals(path + ":3: " + c[1], error(libsvm(path, 4)), "in a task: " + c[0]);
      assertEquals(path + ":3: " + c[1], error(libsvm(path, 0)), "inferring: " + c[0]);
    }
  }

  @Test
  void errorsOfTheInferencePassReachTheCallerAsInputExceptions() {
    String path = text(dir, "t.libsvm", "0 1:1", "1 x").toString();
    InputException e = assertThrows(InputException.class, () -> read(libsvm(path, 0)));
    assertEquals(path + ":2: bad libsvm pair 'x'", e.getMessage());
  }

  @Test
  void reportsAnIndexBeyondTheGivenWidth() {
    String path = text(dir, "t.libsvm", "0 1:1", "1 2:1 5:1").toString();
    assertEquals(path + ":2: feature index 5 out of range 1..4", error(libsvm(path, 4)));
    String zero = text(dir, "zero.libsvm", "0 0:1").toString();
    assertEquals(zero + ":1: feature index 0 out of range 1..4", error(libsvm(zero, 4)));
  }

  @Test
  void reportsEmptyFiles() {
    String empty = text(dir, "e.libsvm").toString();
    assertEquals(empty + ": file is empty", error(libsvm(empty, 0)));
    String blank = text(dir, "b.libsvm", "", "# only a comment").toString();
    assertEquals(blank + ": no data rows", error(libsvm(blank, 0)));
  }
}
