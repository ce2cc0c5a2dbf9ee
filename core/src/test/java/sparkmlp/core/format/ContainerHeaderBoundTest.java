package sparkmlp.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A stream of unknown length whose header claims 64 MiB but holds 10 bytes is read in pieces and
 * reported truncated (the claim is not allocated up front).
 */
class ContainerHeaderBoundTest {
  @Test
  void aHugeDeclaredHeaderOnAShortStreamIsTruncatedNotAllocated() {
    ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
    b.put(Container.MAGIC).putInt(Container.FORMAT_VERSION).putInt(Container.MAX_HEADER_BYTES);
    b.put("{\"arrays\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FormatException e =
        assertThrows(
            FormatException.class,
            () -> Container.open(new ByteArrayInputStream(b.array()), "m.mlp"));
    assertEquals(
        "m.mlp: truncated: the JSON header needs 67108864 more bytes, found 10", e.getMessage());
  }
}
