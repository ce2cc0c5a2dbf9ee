package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads CSV: a header row in every file, comma separated, optional quotes. Headers are read on the
 * driver (cheap, and errors in them are found at once); data lines are parsed lazily in tasks.
 */
final class CsvReader {

  private CsvReader() {}

  static RawData read(JavaSparkContext sc, DataSpec spec, InputPath in) {
    boolean single = !in.isDirectory();
    List<InputFile> used = new ArrayList<>();
    List<CsvLine.Layout> layouts = new ArrayList<>();
    List<String> featureNames = null;
    List<String> firstColumns = null;
    String firstDisplay = null;
    for (InputFile file : in.files()) {
      List<String> columns = header(in, file, single);
      if (columns == null) {
        continue; // Spark may leave empty part files
      }
      ColumnSelection selection;
      if (featureNames == null) {
        selection =
            ColumnSelection.resolve(
                file.display(),
                columns,
                spec.labelColumns(),
                spec.featureColumns(),
                spec.keepOnly());
        featureNames = selection.featureNames();
        firstColumns = columns;
        firstDisplay = file.display();
      } else {
        if (spec.featureColumns().isEmpty()) {
          checkSameColumns(file, columns, firstDisplay, firstColumns);
        }
        selection =
            ColumnSelection.resolve(
                file.display(), columns, spec.labelColumns(), featureNames, spec.keepOnly());
      }
      used.add(file);
      layouts.add(
          new CsvLine.Layout(
              columns.size(), selection.labelPositions(), selection.featurePositions()));
    }
    if (used.isEmpty()) {
      throw new InputException(in.given() + ": all files are empty");
    }
    TextInput text = TextInput.open(sc, used, true, CsvLine::isData);
    if (text.rows() == 0) {
      throw new InputException(in.given() + ": no data rows after the header");
    }
    String[] displays = used.stream().map(InputFile::display).toArray(String[]::new);
    CsvLine format =
        new CsvLine(
            displays,
            layouts.toArray(new CsvLine.Layout[0]),
            featureNames.toArray(new String[0]),
            spec.keepOnly());
    return RawData.scanned(
        in.given(), featureNames, spec.labelColumns(), text.scan(format), text.rows());
  }

  /** The file's header columns; null for an empty part file of a directory. */
  private static List<String> header(InputPath in, InputFile file, boolean single) {
    String header = file.length() == 0 ? null : in.firstLine(file);
    if (header == null) {
      if (single) {
        throw new InputException(file.display() + ": file is empty");
      }
      return null;
    }
    if (header.isBlank()) {
      throw new InputException(file.display() + ":1: expected a header row, found an empty line");
    }
    return CsvFields.header(header, file.display());
  }

  /** Without named feature columns, every file must have the first one's columns (any order). */
  private static void checkSameColumns(
      InputFile file, List<String> columns, String firstDisplay, List<String> firstColumns) {
    if (!new HashSet<>(columns).equals(new HashSet<>(firstColumns))) {
      throw new InputException(
          file.display()
              + ": header differs from "
              + firstDisplay
              + "'s: expected "
              + ColumnSelection.list(firstColumns)
              + "; found "
              + ColumnSelection.list(columns));
    }
  }
}
