package sparkmlp.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import sparkmlp.core.format.Json;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.registry.Registry;
import sparkmlp.spark.registry.RetrainJob;
import sparkmlp.spark.registry.SupersededException;

/**
 * {@code mlp registry list|show ID|promote ID|rollback}: reads and steers a model registry without
 * Spark. Promotions and rollbacks go through the same locked commit as retrain and are recorded in
 * the history.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = "List, show, promote or roll back model versions in a registry.")
final class RegistryCommand implements MlpCommand.Streams {
  @Mixin CommonOptions common;

  @Option(
      names = "--registry",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "registry folder (default: mlp.registry.dir of the config)")
  String registry;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
    err = e;
  }

  private Registry open() {
    JobConfig config = common.load(List.of());
    if (registry == null) {
      return RetrainJob.registry(new Configuration(), config.registry());
    }
    return new Registry(
        new Configuration(),
        registry,
        Registry.staleAfter(config.registry().lock().staleMinutes()));
  }

  @Command(name = "list", description = "Versions with their state, gate metric and decision.")
  int list() {
    Registry reg = open();
    String champion = reg.champion();
    out.printf(
        Locale.ROOT,
        "%-24s %-10s %-10s %10s %10s  %-8s %s%n",
        "version",
        "state",
        "metric",
        "candidate",
        "champion",
        "promoted",
        "decided");
    for (String v : reg.versions()) {
      ObjectNode d = reg.decision(v);
      String state = reg.finished(v) ? "finished" : d != null ? "deciding" : "unfinished";
      out.printf(
          Locale.ROOT,
          "%-24s %-10s %-10s %10s %10s  %-8s %s%s%n",
          v,
          state,
          d == null ? "-" : d.path("gate").path("metric").asText("-"),
          d == null ? "-" : number(d.path("gate").path("candidate")),
          d == null ? "-" : number(d.path("gate").path("champion")),
          d == null ? "-" : d.path("promoted").asBoolean() ? "yes" : "no",
          d == null ? "-" : d.path("decided").asText("-"),
          v.equals(champion) ? "  <- champion" : "");
    }
    return ExitCodes.OK;
  }

  @Command(name = "show", description = "A version's decision as JSON.")
  int show(@Parameters(paramLabel = "ID") String id) throws Exception {
    Registry reg = open();
    Registry.checkRunId(id);
    if (!reg.versions().contains(id)) {
      throw new InputException(reg.dir() + ": no version '" + id + "'");
    }
    ObjectNode d = reg.decision(id);
    ObjectNode o = d != null ? d : Json.MAPPER.createObjectNode().put("run_id", id);
    o.put("finished", reg.finished(id));
    o.put("champion", id.equals(reg.champion()));
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    return ExitCodes.OK;
  }

  @Command(name = "promote", description = "Make a finished version the champion (by hand).")
  int promote(@Parameters(paramLabel = "ID") String id) {
    Registry reg = open();
    Registry.checkRunId(id);
    if (!reg.finished(id)) {
      throw new InputException(
          reg.dir() + ": version '" + id + "' is not a finished run (no " + Registry.SUCCESS + ")");
    }
    String before = reg.champion();
    if (id.equals(before)) {
      out.println(id + " is already the champion");
      return ExitCodes.OK;
    }
    change(reg, "promote", id, before, "promoted by hand");
    out.println("champion: " + id + " (was " + before + ")");
    return ExitCodes.OK;
  }

  @Command(
      name = "rollback",
      description = "Make the champion the version the current one replaced.")
  int rollback() {
    Registry reg = open();
    String before = reg.champion();
    String previous = reg.previousChampion();
    if (previous == null) {
      throw new InputException(
          reg.dir()
              + ": no previous champion to roll back to"
              + (before == null ? " (no champion yet)" : " (" + before + " was the first)"));
    }
    change(reg, "rollback", previous, before, "rolled back from " + before);
    out.println("champion: " + previous + " (rolled back from " + before + ")");
    return ExitCodes.OK;
  }

  private void change(Registry reg, String action, String id, String before, String reason) {
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("time", Instant.now().toString());
    entry.put("action", action);
    entry.put("version", id);
    entry.put("promoted", true);
    if (before == null) {
      entry.putNull("champion_before");
    } else {
      entry.put("champion_before", before);
    }
    entry.put("champion_after", id);
    entry.put("reason", reason);
    ObjectNode recorded =
        reg.commit(
            new Registry.Change(id, before, entry, e -> false),
            () -> {},
            p -> {},
            n -> err.println("note: " + n));
    if (recorded.path("superseded").asBoolean(false)) {
      throw new SupersededException(reg.dir() + ": " + recorded.path("reason").asText());
    }
  }

  private static String number(com.fasterxml.jackson.databind.JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.4f", n.asDouble()) : "-";
  }
}
