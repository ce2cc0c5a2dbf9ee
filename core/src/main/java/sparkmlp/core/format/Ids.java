package sparkmlp.core.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The ids enums are named by in configs, files and messages: finding a constant by its id, and the
 * list of ids a message offers, derived from the enum so that a new constant needs no message
 * edited by hand.
 */
public final class Ids {
  private Ids() {}

  /**
   * The constant among {@code values} whose id is {@code id} (any case, surrounding blanks
   * ignored), or null.
   */
  public static <E> E find(E[] values, Function<E, String> idOf, String id) {
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (E e : values) {
      if (idOf.apply(e).equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** The ids as a message lists alternatives: "a, b or c". */
  public static <E> String alternatives(E[] values, Function<E, String> idOf) {
    List<String> ids = Arrays.stream(values).map(idOf).toList();
    int last = ids.size() - 1;
    return last == 0
        ? ids.get(0)
        : String.join(", ", ids.subList(0, last)) + " or " + ids.get(last);
  }

  /** The ids as "one of a, b, c". */
  public static <E> String oneOf(E[] values, Function<E, String> idOf) {
    return "one of " + String.join(", ", Arrays.stream(values).map(idOf).toList());
  }
}
