package sparkmlp.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a standalone master reports at {@code http://127.0.0.1:WEBUI/json/}: its status, the workers
 * that are ALIVE and the applications that run.
 */
public record MasterState(
    String status, int aliveWorkers, List<String> workerIds, List<String> activeAppIds) {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Loopback only, and never through a proxy a developer's environment may name.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(ProxySelector.of(null))
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  public MasterState {
    workerIds = List.copyOf(workerIds);
    activeAppIds = List.copyOf(activeAppIds);
  }

  /** Reads the master's state; fails with IOException while its web UI is not up yet. */
  public static MasterState fetch(int webUiPort) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the master for its state", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "master web UI answered HTTP " + response.statusCode() + " at " + request.uri());
    }
    return parse(response.body());
  }

  /** Parses the master's JSON. */
  static MasterState parse(String json) throws IOException {
    JsonNode root = JSON.readTree(json);
    List<String> workers = new ArrayList<>();
    for (JsonNode worker : root.path("workers")) {
      if ("ALIVE".equals(worker.path("state").asText())) {
        workers.add(worker.path("id").asText());
      }
    }
    List<String> apps = new ArrayList<>();
    root.path("activeapps").forEach(app -> apps.add(app.path("id").asText()));
    return new MasterState(
        root.path("status").asText(), root.path("aliveworkers").asInt(0), workers, apps);
  }
}
