package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkmlp.spark.io.IoFixtures.csv;
import static sparkmlp.spark.io.IoFixtures.error;
import static sparkmlp.spark.io.IoFixtures.read;
import static sparkmlp.spark.io.IoFixtures.rows;
import static sparkmlp.spark.io.IoFixtures.text;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  private static final List<String> LABEL = List.of("label");

  @TempDir Path dir;

  @Test
  void readsFeaturesLabelsNamesAndIndicesOfAHeaderedFile() {
    String path =
        text(
                dir,
                "train.csv",
                "a,b,label",
                "1,2,cat",
                " 3.5 , -4e1 ,dog",
                "\"5\",6,\"bird, small\"")
            .toString();
    RawData data = read(csv(path, LABEL, List.of()));
    assertEquals(path, data.source());
    assertEquals(List.of("a", "b"), data.featureNames());
    assertEquals(LABEL, data.labelNames());
    List<RawExample> rows = rows(data);
    assertEquals(
        List.of(
            new RawExample(0, new double[] {1, 2}, new String[] {"cat"}),
            new RawExample(1, new double[] {3.5, -40}, new String[] {"dog"}),
            new RawExample(2, new double[] {5, 6}, new String[] {"bird, small"})),
        rows);
  }

  @Test
  void textBeyondAsciiIsReadAsTheDecodedLineReadsIt() {
    String path =
        text(
                dir,
                "t.csv",
                "a,b,label",
                "\u2003 7.5\u2003,\t1e2 ,caf\u00e9",
                "\u20032,3, \u3000\u00e9t\u00e9 ",
                "1,2,\"\u00e0 \"\"b\"\"\"",
                "1,2,\u00a0x")
            .toString();
    List<RawExample> rows = rows(read(csv(path, LABEL, List.of())));
    assertArrayEquals(new double[] {7.5, 100}, rows.get(0).features());
    assertArrayEquals(new double[] {2, 3}, rows.get(1).features());
    assertEquals(
        List.of("caf\u00e9", "\u00e9t\u00e9", "\u00e0 \"b\"", "\u00a0x"),
        rows.stream().map(r -> r.labels()[0]).toList());
    String bad = text(dir, "bad.csv", "a,label", "\u00e9\u00e9,x").toString();
    assertEquals(
        bad + ":2:1: expected a number in column 'a', found '\u00e9\u00e9'",
        error(csv(bad, LABEL, List.of())));
  }

  @Test
  void crlfLineEndsAndAByteOrderMarkAreDropped() throws IOException {
    Path file = dir.resolve("crlf.csv");
    Files.writeString(file, "\uFEFFa,label\r\n1.5,x\r\n\r\n2,y \r\n");
    List<RawExample> rows = rows(read(csv(file.toString(), LABEL, List.of())));
    assertEquals(
        List.of(
            new RawExample(0, new double[] {1.5}, new String[] {"x"}),
            new RawExample(1, new double[] {2}, new String[] {"y"})),
        rows);
  }

  @Test
  void namedFeatureColumnsAreTakenInTheGivenOrderAndSeveralLabelsKept() {
    String path = text(dir, "t.csv", "x,y1,z,y2,ignored", "1,a,2,b,9", "3,c,4,d,9").toString();
    RawData data = read(csv(path, List.of("y1", "y2"), List.of("z", "x")));
    assertEquals(List.of("z", "x"), data.featureNames());
    assertEquals(List.of("y1", "y2"), data.labelNames());
    List<RawExample> rows = rows(data);
    assertArrayEquals(new double[] {2, 1}, rows.get(0).features());
    assertArrayEquals(new String[] {"c", "d"}, rows.get(1).labels());
  }

  @Test
  void dataWithoutLabelColumnsHasEmptyLabels() {
    String path = text(dir, "t.csv", "a,b", "1,2").toString();
    RawExample row = rows(read(csv(path, List.of(), List.of()))).get(0);
    assertArrayEquals(new double[] {1, 2}, row.features());
    assertEquals(0, row.labels().length);
  }

  @Test
  void indicesAndLineNumbersHoldAcrossPartitionsAndBlankLines() {
    List<String> lines = new ArrayList<>(List.of("a,label"));
    for (int i = 0; i < 40; i++) {
      lines.add(i == 10 ? "" : i + ",y");
    }
    lines.add("oops,y"); // line 42
    String path = text(dir, "t.csv", lines.toArray(new String[0])).toString();
    RawData data = read(csv(path, LABEL, List.of()));
    assertTrue(data.rows().getNumPartitions() >= 2, "the file should be split");
    String message = error(() -> data.rows().collect());
    assertEquals(path + ":42:1: expected a number in column 'a', found 'oops'", message);

    lines.remove(lines.size() - 1);
    String good = text(dir, "good.csv", lines.toArray(new String[0])).toString();
    List<RawExample> rows = rows(read(csv(good, LABEL, List.of())));
    assertEquals(39, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i, rows.get(i).index());
      assertEquals(i < 10 ? i : i + 1, rows.get(i).features()[0], 0.0);
    }
  }

  @Test
  void aDirectoryIsItsPartFilesInNameOrderEachWithItsOwnHeader() throws IOException {
    Path data = dir.resolve("data");
    text(data, "part-00001.csv", "label,b,a", "z,20,10", "w,40,30");
    text(data, "part-00000.csv", "a,b,label", "1,2,x", "3,4,y");
    text(data, "_SUCCESS");
    text(data, ".hidden.csv", "junk");
    text(data, "part-00000.csv.crc", "junk");
    text(data, "part-00002.csv");
    String given = data + "/";
    RawData read = read(csv(given, LABEL, List.of()));
    assertEquals(List.of("a", "b"), read.featureNames());
    List<RawExample> rows = rows(read);
    assertEquals(4, rows.size());
    assertEquals(List.of("x", "y", "z", "w"), rows.stream().map(r -> r.labels()[0]).toList());
    assertArrayEquals(new double[] {10, 20}, rows.get(2).features());
    assertEquals(List.of(0L, 1L, 2L, 3L), rows.stream().map(RawExample::index).toList());

    text(data, "part-00001.csv", "label,b,a", "z,20,10", "w,x,30");
    assertEquals(
        data + "/part-00001.csv:3:2: expected a number in column 'b', found 'x'",
        error(csv(given, LABEL, List.of())));
  }

  @Test
  void readsGzippedCsv() throws IOException {
    Path file = dir.resolve("t.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("a,label\n7,q\n".getBytes(StandardCharsets.UTF_8));
    }
    RawExample row = rows(read(csv(file.toString(), LABEL, List.of()))).get(0);
    assertArrayEquals(new double[] {7}, row.features());
  }

  @Test
  void reportsAMissingPathWithItsConfigKey() {
    String path = dir.resolve("nope.csv").toString();
    assertEquals(
        "mlp.data.train: no such file or directory: " + path, error(csv(path, LABEL, List.of())));
  }

  @Test
  void reportsEmptyAndHeaderOnlyFiles() {
    String empty = text(dir, "empty.csv").toString();
    assertEquals(empty + ": file is empty", error(csv(empty, LABEL, List.of())));
    String header = text(dir, "header.csv", "a,label").toString();
    assertEquals(header + ": no data rows after the header", error(csv(header, LABEL, List.of())));
  }

  @Test
  void reportsBadCellsWithLineAndColumn() {
    String path = text(dir, "t.csv", "a,b,label", "1,2,x", "1,abc,y").toString();
    assertEquals(
        path + ":3:2: expected a number in column 'b', found 'abc'",
        error(csv(path, LABEL, List.of())));

    path = text(dir, "short.csv", "a,b,label", "1,2,x", "1,2").toString();
    assertEquals(
        path + ":3: expected 3 fields as in the header, found 2",
        error(csv(path, LABEL, List.of())));

    path = text(dir, "empty-label.csv", "a,label,b", "1,,2").toString();
    assertEquals(path + ":2:2: empty label", error(csv(path, LABEL, List.of())));

    path = text(dir, "empty-cell.csv", "a,label", ",x").toString();
    assertEquals(
        path + ":2:1: expected a number in column 'a', found ''",
        error(csv(path, LABEL, List.of())));
  }

  @Test
  void reportsNanAndInfiniteFeatures() {
    String[][] cases = {
      {"NaN", "NaN"},
      {"nan", "NaN"},
      {"inf", "infinite"},
      {"-Infinity", "infinite"},
      {"Infinity", "infinite"},
      {"1e999", "infinite"}
    };
    for (String[] c : cases) {
      String path = text(dir, "t.csv", "a,b,label", "1,2,x", "3," + c[0] + ",x").toString();
      assertEquals(path + ":3:2: feature 'b' is " + c[1], error(csv(path, LABEL, List.of())), c[0]);
    }
  }

  @Test
  void reportsUnknownColumnsListingAtMostTen() {
    String path = text(dir, "t.csv", "a,b,c,label", "1,2,3,x").toString();
    assertEquals(
        path + ": no label column 'lable'; columns are: a, b, c, label",
        error(csv(path, List.of("lable"), List.of())));
    assertEquals(
        path + ": no feature column 'x'; columns are: a, b, c, label",
        error(csv(path, LABEL, List.of("a", "x"))));

    String wide =
        text(
                dir,
                "wide.csv",
                "c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,label",
                "1,2,3,4,5,6,7,8,9,10,11,x")
            .toString();
    assertEquals(
        wide + ": no label column 'y'; columns are: c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, …",
        error(csv(wide, List.of("y"), List.of())));
  }
}
