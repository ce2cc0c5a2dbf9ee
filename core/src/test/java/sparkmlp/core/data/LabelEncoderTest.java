package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.task.Task;

class LabelEncoderTest {

  @Test
  void numericLabelsSortAsNumbers() {
    assertEquals(
        List.of("2", "9", "10"), LabelEncoder.sortedClasses(List.of("10", "9", "2", "10", "9")));
    assertEquals(List.of("-1", "0.5", "1"), LabelEncoder.sortedClasses(List.of("1", "0.5", "-1")));
  }

  @Test
  void textLabelsSortAsStrings() {
    assertEquals(
        List.of("setosa", "versicolor", "virginica"),
        LabelEncoder.sortedClasses(List.of("virginica", "setosa", "versicolor", "setosa")));
    // one non-number makes the whole set text
    assertEquals(List.of("10", "9", "x"), LabelEncoder.sortedClasses(List.of("9", "10", "x")));
  }

  @Test
  void classesEncodeToTheirIndex() {
    LabelEncoder e = LabelEncoder.forClasses(Task.MULTICLASS, List.of("2", "9", "10"));
    double[] y = new double[4];
    e.encode(new String[] {"10"}, y, 1);
    e.encode(new String[] {"2.0"}, y, 2); // numeric match
    e.encode(new String[] {"9"}, y, 3);
    assertArrayEquals(new double[] {0, 2, 0, 1}, y);
    assertEquals(1, e.targetRows());
    assertEquals(3, e.outputUnits());
    LabelEncoder b = LabelEncoder.forClasses(Task.BINARY, List.of("benign", "malignant"));
    assertEquals(1, b.outputUnits());
    b.encode(new String[] {"malignant"}, y, 0);
    assertEquals(1, y[0]);
  }

  @Test
  void unseenLabelIsRejectedWithTheKnownClasses() {
    LabelEncoder e = LabelEncoder.forClasses(Task.BINARY, List.of("a", "b"));
    assertEquals(
        "label 'x' is not one of the classes seen in training: a, b",
        assertThrows(
                IllegalArgumentException.class,
                () -> e.encode(new String[] {"x"}, new double[1], 0))
            .getMessage());
    assertEquals(
        "expected one label, found 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> e.encode(new String[] {"a", "b"}, new double[2], 0))
            .getMessage());
  }

  @Test
  void classListsAreChecked() {
    assertEquals(
        "a binary task needs exactly 2 classes, found 3: a, b, c",
        assertThrows(
                IllegalArgumentException.class,
                () -> LabelEncoder.forClasses(Task.BINARY, List.of("a", "b", "c")))
            .getMessage());
    assertEquals(
        "a multiclass task needs at least 2 classes, found 1: a",
        assertThrows(
                IllegalArgumentException.class,
                () -> LabelEncoder.forClasses(Task.MULTICLASS, List.of("a")))
            .getMessage());
    assertEquals(
        "class names must be distinct, found a, b, a",
        assertThrows(
                IllegalArgumentException.class,
                () -> LabelEncoder.forClasses(Task.MULTICLASS, List.of("a", "b", "a")))
            .getMessage());
    assertEquals(
        "task regression has no classes",
        assertThrows(
                IllegalArgumentException.class,
                () -> LabelEncoder.forClasses(Task.REGRESSION, List.of("a", "b")))
            .getMessage());
    assertEquals(
        "task multiclass needs classes, not target columns",
        assertThrows(
                IllegalArgumentException.class,
                () -> LabelEncoder.forColumns(Task.MULTICLASS, List.of("a")))
            .getMessage());
  }

  @Test
  void multilabelAndRegressionColumnsParseValues() {
    LabelEncoder m = LabelEncoder.forColumns(Task.MULTILABEL, List.of("cat", "dog", "bird"));
    double[] y = new double[3];
    m.encode(new String[] {"1", "false", "TRUE"}, y, 0);
    assertArrayEquals(new double[] {1, 0, 1}, y);
    assertEquals(3, m.targetRows());
    assertEquals(
        "label column 'dog': expected 0 or 1, found '2'",
        assertThrows(
                IllegalArgumentException.class, () -> m.encode(new String[] {"0", "2", "1"}, y, 0))
            .getMessage());
    assertEquals(
        "expected 3 target values, found 1",
        assertThrows(IllegalArgumentException.class, () -> m.encode(new String[] {"0"}, y, 0))
            .getMessage());
    LabelEncoder r = LabelEncoder.forColumns(Task.REGRESSION, List.of("price"));
    double[] v = new double[1];
    r.encode(new String[] {" 12.5 "}, v, 0);
    assertEquals(12.5, v[0]);
    assertEquals(
        "target column 'price': expected a number, found 'cheap'",
        assertThrows(IllegalArgumentException.class, () -> r.encode(new String[] {"cheap"}, v, 0))
            .getMessage());
    assertEquals(
        "target column 'price': expected a finite number, found 'NaN'",
        assertThrows(IllegalArgumentException.class, () -> r.encode(new String[] {"NaN"}, v, 0))
            .getMessage());
  }
}
