package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How main ends: System.exit except inside a cluster-mode driver, where a failure is thrown. */
class DeployModeTest {
  private static Properties mode(String deployMode) {
    Properties p = new Properties();
    if (deployMode != null) {
      p.setProperty("spark.submit.deployMode", deployMode);
    }
    return p;
  }

  @Test
  void clientAndLocalExitWithTheCommandsCode() {
    for (String m : new String[] {null, "client"}) {
      for (int code : new int[] {0, 2, 3}) {
        List<Integer> exits = new ArrayList<>();
        DeployMode.finish(mode(m), code, "error: x", exits::add);
        assertEquals(List.of(code), exits, m + " " + code);
      }
    }
  }

  @Test
  void clusterSuccessReturnsWithoutExiting() {
    List<Integer> exits = new ArrayList<>();
    DeployMode.finish(mode("cluster"), 0, null, exits::add);
    assertEquals(List.of(), exits);
  }

  @Test
  void clusterFailureThrowsWithTheCodeAndLine() {
    List<Integer> exits = new ArrayList<>();
    DeployMode.CommandFailedException e =
        assertThrows(
            DeployMode.CommandFailedException.class,
            () ->
                DeployMode.finish(
                    mode("cluster"), 3, "error: data.csv:3:2: expected a number", exits::add));
    assertEquals(3, e.exitCode());
    assertEquals(
        "mlp failed with exit code 3: error: data.csv:3:2: expected a number", e.getMessage());
    assertEquals(List.of(), exits);
  }
}
