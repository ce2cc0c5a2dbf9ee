package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A bad-input error: one line saying what is wrong and where ({@code path:line:column} when known).
 */
public class InputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final String QUALIFIED = InputException.class.getName() + ": ";
  private static final String SIMPLE = InputException.class.getSimpleName() + ": ";

  /** Creates the exception; line breaks in {@code message} are folded so it stays one line. */
  public InputException(String message) {
    super(oneLine(message));
  }

  /** Creates the exception with the error it was translated from. */
  public InputException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /**
   * The InputException in a throwable's cause chain, including one that came back from a Spark task
   * wrapped in a {@code SparkException}; when the cause object did not survive (the executor's
   * exception could not be deserialised), one rebuilt from the {@code "InputException: ..."} line
   * of the messages. {@code null} when there is none.
   */
  public static InputException find(Throwable t) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (c instanceof InputException e) {
        return e;
      }
      chain.add(c);
    }
    for (Throwable c : chain) {
      String text = messageIn(c.getMessage());
      if (text != null) {
        return new InputException(text, t);
      }
    }
    return null;
  }

  /** The text after "InputException: " up to the end of its line, or null. */
  private static String messageIn(String message) {
    if (message == null) {
      return null;
    }
    int at = message.indexOf(QUALIFIED);
    int start = at >= 0 ? at + QUALIFIED.length() : -1;
    if (start < 0) {
      at = message.indexOf(SIMPLE);
      start = at >= 0 ? at + SIMPLE.length() : -1;
    }
    if (start < 0) {
      return null;
    }
    int end = start;
    while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
      end++;
    }
    String text = message.substring(start, end).strip();
    return text.isEmpty() ? null : text;
  }

  private static String oneLine(String message) {
    return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
