package sparkmlp.spark.io;

/**
 * Label tokens read from a line without a new string each time the same label comes back: the few
 * distinct labels of a classification data set are kept and matched in place.
 */
final class LabelTokens {
  private static final int KEPT = 16;

  private final String[] recent = new String[KEPT];
  private int next;

  /** The text of {@code s[from, to)}, a kept string when one matches. */
  String of(String s, int from, int to) {
    int length = to - from;
    for (String r : recent) {
      if (r != null && r.length() == length && s.regionMatches(from, r, 0, length)) {
        return r;
      }
    }
    String token = s.substring(from, to);
    recent[next] = token;
    next = (next + 1) % KEPT;
    return token;
  }
}
