package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataBlockTest {

  @Test
  void fromRowsStacksExamplesAsColumns() {
    DataBlock b =
        DataBlocks.fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{0}, {1}});
    assertEquals(2, b.size());
    assertEquals(3, b.numFeatures());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, b.features());
    assertEquals(6, b.feature(1, 2));
    assertEquals(1, b.target(1, 0));
    assertEquals(1, b.rank(1));
    double[] x = new double[6];
    double[] y = new double[2];
    b.copyExample(1, x, y, 1);
    assertArrayEquals(new double[] {0, 0, 0, 4, 5, 6}, x);
    assertArrayEquals(new double[] {0, 1}, y);
    assertEquals(8L * 6 + 8L * 2 + 8L * 2, b.memoryBytes());
  }

  @Test
  void concatKeepsOrderAndRanksAndWidensFloats() {
    DataBlock a =
        DataBlock.of(2, 1, new double[] {1, 2, 3, 4}, new double[] {0, 1}, new long[] {7, 3});
    DataBlock b = DataBlock.ofFloats(2, 1, new float[] {0.5f, 6}, new double[] {1}, new long[] {5});
    DataBlock c = DataBlock.concat(java.util.List.of(a, b));
    assertEquals(3, c.size());
    assertArrayEquals(new double[] {1, 2, 3, 4, 0.5, 6}, c.features());
    assertEquals(1, c.target(2, 0));
    assertEquals(7, c.rank(0));
    assertEquals(3, c.rank(1));
    assertEquals(5, c.rank(2));
  }

  @Test
  void concatRejectsNothingAndMixedWidths() {
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> DataBlock.concat(java.util.List.of()));
    assertEquals("expected at least one block to concatenate, found none", none.getMessage());
    DataBlock two = DataBlock.of(2, 1, new double[] {1, 2}, new double[] {0}, null);
    DataBlock three = DataBlock.of(3, 1, new double[] {1, 2, 3}, new double[] {0}, null);
    IllegalArgumentException mixed =
        assertThrows(
            IllegalArgumentException.class, () -> DataBlock.concat(java.util.List.of(two, three)));
    assertEquals(
        "expected blocks of 2 features and 1 target rows, found 3 and 1", mixed.getMessage());
  }

  @Test
  void badShapesAndValuesAreNamed() {
    assertEquals(
        "example 1, feature 0: expected a finite number, found NaN",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    DataBlocks.fromRows(
                        new double[][] {{1}, {Double.NaN}}, new double[][] {{0}, {1}}))
            .getMessage());
    assertEquals(
        "example 1: expected 2 features, found 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> DataBlocks.fromRows(new double[][] {{1, 2}, {3}}, new double[][] {{0}, {1}}))
            .getMessage());
    assertEquals(
        "feature array of 5 values is not a whole number of 2-feature examples",
        assertThrows(
                IllegalArgumentException.class,
                () -> DataBlock.of(2, 1, new double[5], new double[2], null))
            .getMessage());
    assertEquals(
        "expected 3 ranks, found 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> DataBlock.of(1, 1, new double[3], new double[3], new long[2]))
            .getMessage());
  }
}
