package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import sparkmlp.core.data.Precision;

/**
 * The grid of {@code bin/bench --network}: executors × link rate × network × precision × engine.
 * The defaults are the small grid (an hour or more on two cores); the full one is {@code
 * --network-executors 2,4,8 --network-links 100mbit,1gbit}.
 */
final class NetworkOptions {

  /** The engines the lab compares, as {@code mlp.train.engine[+reduction]}. */
  static final List<String> ALL_ENGINES = List.of("jobs+direct", "jobs+sharded", "barrier", "peer");

  @Option(
      names = "--network-executors",
      paramLabel = "K",
      split = ",",
      description = "executors (one host each) of --network (default 2,4; full grid 2,4,8)")
  List<Integer> executors = new ArrayList<>(List.of(2, 4));

  @Option(
      names = "--network-links",
      paramLabel = "RATE",
      split = ",",
      description =
          "link rates of --network, as tc takes them (default 100mbit; full 100mbit,1gbit)")
  List<String> links = new ArrayList<>(List.of("100mbit"));

  @Option(
      names = "--network-engines",
      paramLabel = "E",
      split = ",",
      description =
          "engines of --network: jobs+direct, jobs+sharded, barrier, peer (default: all; peer is"
              + " skipped with a note while the job jar does not know it)")
  List<String> engines = new ArrayList<>(ALL_ENGINES);

  @Option(
      names = "--network-hidden",
      paramLabel = "H",
      split = ";",
      description =
          "hidden layers of each network of --network, ';' between networks (default"
              + " 256,128;2048,1280: 784-256-128-10 = 235,146 and 784-2048-1280-10 = 4,243,210"
              + " parameters)")
  List<String> hidden = new ArrayList<>(List.of("256,128", "2048,1280"));

  @Option(
      names = "--network-precision",
      paramLabel = "P",
      split = ",",
      description = "mlp.train.precision of --network: double, float (default: both)")
  List<Precision> precisions = new ArrayList<>(List.of(Precision.FLOAT, Precision.DOUBLE));

  @Option(
      names = "--network-batch",
      paramLabel = "B",
      defaultValue = "1024",
      description = "global batch of --network (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--network-steps",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "steps per epoch of --network; 3 epochs, the first unmeasured (default: ${DEFAULT-VALUE})")
  int steps;
}
