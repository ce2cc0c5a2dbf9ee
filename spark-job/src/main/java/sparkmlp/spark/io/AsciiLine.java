package sparkmlp.spark.io;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.io.Text;

/**
 * A text line's UTF-8 bytes seen as characters when every byte is ASCII, so that a parser written
 * against {@link CharSequence} reads the line without decoding it into a {@code String}; a line
 * with any other byte is decoded, as Hadoop decodes a whole line. Reused from line to line.
 */
final class AsciiLine implements CharSequence {
  private byte[] bytes = new byte[0];
  private int length;

  /**
   * The characters of {@code text}: this view over its bytes (valid until the next call) when they
   * are all ASCII, else the decoded string.
   */
  CharSequence of(Text text) {
    byte[] b = text.getBytes();
    int n = text.getLength();
    for (int i = 0; i < n; i++) {
      if (b[i] < 0) {
        return text.toString();
      }
    }
    bytes = b;
    length = n;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    return (char) bytes[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
