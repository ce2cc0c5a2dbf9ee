package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master's /json/ as Spark 3.5 writes it (trimmed): only ALIVE workers count. */
class MasterStateTest {

  @Test
  void parsesStatusAliveWorkersAndActiveApps() throws IOException {
    String json =
        """
        {"url":"spark://127.0.0.1:7077","workers":[
          {"id":"worker-1","host":"127.0.0.1","port":40001,"cores":1,"coresused":1,"state":"ALIVE"},
          {"id":"worker-0","host":"127.0.0.1","port":40000,"cores":1,"coresused":0,"state":"DEAD"}],
         "aliveworkers":1,"cores":1,"coresused":1,
         "activeapps":[{"id":"app-20260101000000-0000","name":"word-count","state":"RUNNING"}],
         "completedapps":[],"status":"ALIVE"}
        """;
    MasterState state = MasterState.parse(json);
    assertEquals(
        new MasterState("ALIVE", 1, List.of("worker-1"), List.of("app-20260101000000-0000")),
        state);
  }
}
