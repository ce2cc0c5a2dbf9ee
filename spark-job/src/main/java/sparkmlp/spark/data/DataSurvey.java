package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RowScan;

/**
 * The pass that finds a data set's classes: its distinct first labels, and in the same scan, when
 * no example will be held out for validation (every example is then a training example), the
 * feature statistics that the normaliser is fitted to. Each input partition's statistics are
 * gathered in index order and the partitions merged in order, as {@link ExampleBlocks#summarise}
 * does, so the normaliser is the same bit for bit. The rows parsed for the statistics are kept on
 * disk ({@link ParsedRows}, one per input partition, no copy in memory) for the blocks, so the text
 * is parsed once.
 */
final class DataSurvey {
  private DataSurvey() {}

  /**
   * What the pass found.
   *
   * @param labels the distinct first labels, in no particular order
   * @param stats the statistics of every example, or null when they were not asked for
   * @param parsed the rows as parsed, on disk, when the statistics were gathered (else null)
   */
  record Result(List<String> labels, FeatureStats stats, JavaRDD<ParsedRows> parsed) {

    /** {@code raw} read from the parsed rows instead of its files. */
    RawData reparsed(RawData raw) {
      JavaRDD<ParsedRows> rows = parsed;
      RowScan scan =
          new RowScan() {
            @Override
            public <T> JavaRDD<T> map(Pass<T> pass) {
              return rows.mapPartitionsWithIndex(
                  (p, it) -> pass.apply(p, it.next().cursor()), true);
            }
          };
      return new RawData(
          raw.source(), raw.featureNames(), raw.labelNames(), raw.rows(), scan, raw.count());
    }

    /** Drops the parsed rows from disk. */
    void release() {
      if (parsed != null) {
        parsed.unpersist(false);
      }
    }
  }

  /**
   * Surveys {@code raw} (one label column); {@code withStats}: parse every feature, gather the
   * statistics and keep the parsed rows.
   */
  static Result run(RawData raw, boolean withStats) {
    if (!withStats) {
      return new Result(labelsOnly(raw), null, null);
    }
    int nf = raw.featureNames().size();
    int nl = raw.labelNames().size();
    JavaRDD<ParsedRows> parsed =
        raw.scan()
            .map(
                (p, rows) -> {
                  ParsedRows kept = new ParsedRows(nf, nl, true);
                  while (rows.next()) {
                    kept.add(rows);
                  }
                  return List.of(kept.trim()).iterator();
                })
            .setName("sparkmlp parsed rows")
            .persist(StorageLevel.DISK_ONLY());
    List<Tuple2<ArrayList<String>, FeatureStats>> parts;
    try {
      parts = parsed.map(r -> new Tuple2<>(new ArrayList<>(r.tokens()), r.stats())).collect();
    } catch (Exception e) { // a SparkException too, which Java does not see thrown
      parsed.unpersist(false);
      throw e;
    }
    Set<String> all = new HashSet<>();
    FeatureStats stats = new FeatureStats(nf);
    for (Tuple2<ArrayList<String>, FeatureStats> p : parts) {
      all.addAll(p._1());
      stats.merge(p._2());
    }
    return new Result(new ArrayList<>(all), stats, parsed);
  }

  /** The distinct first labels, read without parsing the features. */
  private static List<String> labelsOnly(RawData raw) {
    List<List<String>> parts =
        raw.scan()
            .labelsOnly()
            .map(
                (p, rows) -> {
                  Set<String> seen = new HashSet<>();
                  while (rows.next()) {
                    seen.add(rows.labels()[0]);
                  }
                  return List.<List<String>>of(new ArrayList<>(seen)).iterator();
                })
            .collect();
    Set<String> all = new HashSet<>();
    parts.forEach(all::addAll);
    return new ArrayList<>(all);
  }
}
