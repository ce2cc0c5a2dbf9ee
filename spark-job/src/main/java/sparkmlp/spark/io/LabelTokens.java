package sparkmlp.spark.io;

import java.nio.charset.StandardCharsets;

/**
 * Label tokens read from a line without a new string each time the same label comes back: the few
 * distinct labels of a classification data set are kept and matched in place.
 */
final class LabelTokens {
  private static final int KEPT = 16;

  private final String[] recent = new String[KEPT];
  private int next;

  /** The text of {@code s[from, to)}, a kept string when one matches. */
  String of(CharSequence s, int from, int to) {
    int length = to - from;
    for (String r : recent) {
      if (r != null && r.length() == length && matches(r, s, from)) {
        return r;
      }
    }
    return keep(s.subSequence(from, to).toString());
  }

  /** The text of the ASCII bytes {@code b[from, to)}, a kept string when one matches. */
  String of(byte[] b, int from, int to) {
    int length = to - from;
    for (String r : recent) {
      if (r != null && r.length() == length && matches(r, b, from)) {
        return r;
      }
    }
    return keep(new String(b, from, length, StandardCharsets.ISO_8859_1));
  }

  private static boolean matches(String r, CharSequence s, int from) {
    for (int i = 0; i < r.length(); i++) {
      if (r.charAt(i) != s.charAt(from + i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String r, byte[] b, int from) {
    for (int i = 0; i < r.length(); i++) {
      if (r.charAt(i) != b[from + i]) {
        return false;
      }
    }
    return true;
  }

  private String keep(String token) {
    recent[next] = token;
    next = (next + 1) % KEPT;
    return token;
  }
}
