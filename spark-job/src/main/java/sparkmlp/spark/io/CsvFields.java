package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: comma separated, a field may be quoted with {@code "} (a quote
 * inside written {@code ""}); blanks around unquoted fields and outside quotes are dropped. Fields
 * cannot span lines: the readers are line based so that they can say which line is wrong.
 */
final class CsvFields {

  private CsvFields() {}

  /** The fields of {@code line}; errors name {@code display:line:column}. */
  static String[] split(String text, String display, long line) {
    List<String> fields = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (true) {
      while (i < n && isBlank(text.charAt(i))) {
        i++;
      }
      if (i < n && text.charAt(i) == '"') {
        int column = fields.size() + 1;
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new InputException(display + ":" + line + ":" + column + ": unterminated quote");
          }
          char c = text.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < n && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        while (i < n && isBlank(text.charAt(i))) {
          i++;
        }
        if (i < n && text.charAt(i) != ',') {
          throw new InputException(
              display + ":" + line + ":" + column + ": unexpected text after a closing quote");
        }
        fields.add(field.toString());
      } else {
        int end = text.indexOf(',', i);
        end = end < 0 ? n : end;
        fields.add(text.substring(i, end).strip());
        i = end;
      }
      if (i >= n) {
        return fields.toArray(new String[0]);
      }
      i++;
    }
  }

  /** The column names of a header line; a leading byte-order mark (Excel) is dropped. */
  static List<String> header(String text, String display) {
    String clean = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return List.of(split(clean, display, 1));
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
