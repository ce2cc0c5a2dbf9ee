package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFieldsTest {

  @Test
  void splitsOnCommasHonouringQuotes() {
    assertArrayEquals(
        new String[] {"a", "b c", "", "x,\"y\"", ""},
        CsvFields.split(" a ,b c,, \"x,\"\"y\"\"\" ,", "f", 1));
  }

  @Test
  void reportsQuotingErrorsWithTheirColumn() {
    assertEquals(
        "f:4:2: unterminated quote",
        assertThrows(InputException.class, () -> CsvFields.split("1,\"ab", "f", 4)).getMessage());
    assertEquals(
        "f:4:1: unexpected text after a closing quote",
        assertThrows(InputException.class, () -> CsvFields.split("\"a\"b,2", "f", 4)).getMessage());
  }

  @Test
  void dropsAByteOrderMarkFromTheHeader() {
    assertEquals(List.of("a", "label"), CsvFields.header("\uFEFFa,label", "f"));
  }

  @Test
  void numbersAreDecimalOnly() {
    assertEquals(-0.0125, NumberCell.value(" -1.25e-2 "), 0.0);
    assertEquals(5.0, NumberCell.value("5."), 0.0);
    assertEquals(0.5, NumberCell.value(".5"), 0.0);
    for (String bad : new String[] {"1f", "0x10", "1e", "", ".", "1,5", "--1"}) {
      assertThrows(NumberFormatException.class, () -> NumberCell.value(bad), bad);
    }
    assertEquals(Double.NEGATIVE_INFINITY, NumberCell.value("-INF"), 0.0);
  }
}
