package sparkmlp.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mlp.output.permissions}: owner read-write, group read by default; checked when read. */
class OutputPermissionsTest {
  @Test
  void theDefaultIsOwnerReadWriteGroupRead() {
    assertEquals("rw-r-----", ConfigLoader.load(null, List.of()).output().permissions());
  }

  @Test
  void aValueThatIsNotAPermissionStringIsRejectedNamingTheKey() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> ConfigLoader.load(null, List.of("output.permissions=\"0640\"")));
    assertEquals(
        "config key 'mlp.output.permissions': expected nine characters of r, w, x or - as ls -l"
            + " shows them, such as rw-r-----, found '0640'",
        e.getMessage());
  }
}
