package sparkmlp.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.task.Task;

/**
 * Test-only CSV reading for the bundled UCI sets. Prefers {@code datasets/<name>/train.csv} and
 * {@code test.csv} (header row, class names in column {@code label}); falls back to {@code
 * ../shared/data/uci/<file>} (first line {@code n_samples,n_features,class names…}, rows ending in
 * the class index) with a seeded stratified 80/20 split. Features are standardised with statistics
 * of the training part only.
 */
final class CsvDatasets {
  /** Normalised train and test blocks and the class names. */
  record Split(DataBlock train, DataBlock test, List<String> classes, String source) {}

  private record Rows(List<double[]> x, List<String> labels) {}

  private CsvDatasets() {}

  /**
   * Null when neither form of the data set is on disk; a null {@code dir} goes straight to the UCI
   * file.
   */
  static Split load(String dir, String uciFile, Task task, long seed) {
    Path root = repoRoot();
    Path folder = root.resolve("datasets").resolve(dir == null ? "-" : dir);
    Path train = folder.resolve("train.csv");
    Path test = folder.resolve("test.csv");
    Rows tr;
    Rows te;
    String source;
    if (dir != null && Files.isRegularFile(train) && Files.isRegularFile(test)) {
      tr = readWithHeader(train);
      te = readWithHeader(test);
      source = train + " + test.csv";
    } else {
      Path uci = root.getParent().resolve("shared").resolve("data").resolve("uci").resolve(uciFile);
      if (!Files.isRegularFile(uci)) {
        return null;
      }
      Rows all = readUci(uci);
      Rows[] parts = stratifiedSplit(all, 0.2, seed);
      tr = parts[0];
      te = parts[1];
      source = uci + " (stratified 80/20, seed " + seed + ")";
    }
    List<String> classes = LabelEncoder.sortedClasses(tr.labels());
    LabelEncoder enc = LabelEncoder.forClasses(task, classes);
    DataBlock trainBlock = block(tr, enc);
    DataBlock testBlock = block(te, enc);
    Normalizer z =
        Normalizer.fit(
            Normalizer.Kind.STANDARD,
            new FeatureStats(trainBlock.numFeatures()).addAll(trainBlock));
    z.apply(trainBlock.features(), 0, trainBlock.size());
    z.apply(testBlock.features(), 0, testBlock.size());
    return new Split(trainBlock, testBlock, classes, source);
  }

  /** The repository root: the parent of the module directory tests run in. */
  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("datasets")) ? here : here.getParent();
  }

  private static DataBlock block(Rows r, LabelEncoder enc) {
    double[][] x = r.x().toArray(new double[0][]);
    double[][] y = new double[x.length][1];
    for (int i = 0; i < x.length; i++) {
      enc.encode(new String[] {r.labels().get(i)}, y[i], 0);
    }
    return DataBlocks.fromRows(x, y);
  }

  private static Rows readWithHeader(Path p) {
    List<String> lines = lines(p);
    String[] header = lines.get(0).split(",", -1);
    int label = Arrays.asList(header).indexOf("label");
    if (label < 0) {
      throw new IllegalArgumentException(p + ": no 'label' column in " + lines.get(0));
    }
    List<double[]> x = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      double[] row = new double[cells.length - 1];
      for (int c = 0, j = 0; c < cells.length; c++) {
        if (c != label) {
          row[j++] = Double.parseDouble(cells[c].trim());
        }
      }
      x.add(row);
      labels.add(cells[label].trim());
    }
    return new Rows(x, labels);
  }

  private static Rows readUci(Path p) {
    List<String> lines = lines(p);
    String[] head = lines.get(0).split(",");
    int features = Integer.parseInt(head[1].trim());
    List<double[]> x = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      String[] cells = lines.get(n).split(",");
      double[] row = new double[features];
      for (int j = 0; j < features; j++) {
        row[j] = Double.parseDouble(cells[j].trim());
      }
      x.add(row);
      labels.add(head[2 + Integer.parseInt(cells[features].trim())]);
    }
    return new Rows(x, labels);
  }

  private static Rows[] stratifiedSplit(Rows all, double testFraction, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Rows train = new Rows(new ArrayList<>(), new ArrayList<>());
    Rows test = new Rows(new ArrayList<>(), new ArrayList<>());
    for (String c : LabelEncoder.sortedClasses(all.labels())) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < all.labels().size(); i++) {
        if (all.labels().get(i).equals(c)) {
          idx.add(i);
        }
      }
      for (int i = idx.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Integer t = idx.get(i);
        idx.set(i, idx.get(j));
        idx.set(j, t);
      }
      int nTest = (int) Math.round(idx.size() * testFraction);
      for (int k = 0; k < idx.size(); k++) {
        Rows to = k < nTest ? test : train;
        to.x().add(all.x().get(idx.get(k)));
        to.labels().add(all.labels().get(idx.get(k)));
      }
    }
    return new Rows[] {train, test};
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
