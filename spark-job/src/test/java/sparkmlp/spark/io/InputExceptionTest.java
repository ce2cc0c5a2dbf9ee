package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

class InputExceptionTest {

  @Test
  void findsTheExceptionAnywhereInTheCauseChain() {
    InputException e = new InputException("a.csv:2:1: empty label");
    assertSame(e, InputException.find(e));
    assertSame(e, InputException.find(new SparkException("Job aborted", new RuntimeException(e))));
  }

  @Test
  void rebuildsTheMessageFromASparkExceptionThatLostItsCause() {
    SparkException spark =
        new SparkException(
            "Job aborted due to stage failure: Task 1 in stage 3.0 failed 4 times,"
                + " most recent failure: Lost task 1.3 in stage 3.0 (TID 9) (10.0.0.7 executor 2):"
                + " sparkmlp.spark.io.InputException: a.csv:3:2: expected a number in column 'b', found 'abc'\n"
                + "\tat sparkmlp.spark.io.NumberCell.feature(NumberCell.java:40)\n\nDriver stacktrace:");
    InputException found = InputException.find(spark);
    assertEquals("a.csv:3:2: expected a number in column 'b', found 'abc'", found.getMessage());
    assertSame(spark, found.getCause());
  }

  @Test
  void findsNothingInOtherErrors() {
    assertNull(InputException.find(new SparkException("Job aborted: java.lang.OutOfMemoryError")));
    assertNull(InputException.find(null));
  }

  @Test
  void keepsItsMessageOnOneLine() {
    assertEquals("a b", new InputException("a\n  b").getMessage());
  }
}
