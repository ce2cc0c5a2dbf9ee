package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scala.Tuple2;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RowScan;

/**
 * The pass that finds a data set's classes: its distinct first labels, and in the same scan, when
 * no example will be held out for validation (every example is then a training example), the
 * feature statistics that the normaliser is fitted to. Each input partition's statistics are
 * gathered in index order and the partitions merged in order, as {@link ExampleBlocks#summarise}
 * does, so the normaliser is the same bit for bit and preparation need not read the rows again for
 * it.
 */
final class DataSurvey {
  private DataSurvey() {}

  /**
   * What the pass found.
   *
   * @param labels the distinct first labels, in no particular order
   * @param stats the statistics of every example, or null when they were not asked for
   */
  record Result(List<String> labels, FeatureStats stats) {}

  /** Surveys {@code raw}; {@code withStats}: parse every feature and gather the statistics. */
  static Result run(RawData raw, boolean withStats) {
    int nf = raw.featureNames().size();
    RowScan scan = withStats ? raw.scan() : raw.scan().labelsOnly();
    List<Tuple2<ArrayList<String>, FeatureStats>> parts =
        scan.map(
                (p, rows) -> {
                  Set<String> seen = new HashSet<>();
                  FeatureStats s = withStats ? new FeatureStats(nf) : null;
                  while (rows.next()) {
                    seen.add(rows.labels()[0]);
                    if (s != null) {
                      s.add(rows.features(), 0);
                    }
                  }
                  return List.of(new Tuple2<>(new ArrayList<>(seen), s)).iterator();
                })
            .collect();
    Set<String> all = new HashSet<>();
    FeatureStats stats = withStats ? new FeatureStats(nf) : null;
    for (Tuple2<ArrayList<String>, FeatureStats> p : parts) {
      all.addAll(p._1());
      if (stats != null) {
        stats.merge(p._2());
      }
    }
    return new Result(new ArrayList<>(all), stats);
  }
}
