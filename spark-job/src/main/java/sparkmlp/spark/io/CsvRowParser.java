package sparkmlp.spark.io;

/** Parses one CSV data line into an example, with each file's own column positions. */
final class CsvRowParser implements TextInput.LineFunction<RawExample> {

  private static final long serialVersionUID = 1L;

  /**
   * Where one file keeps its columns.
   *
   * @param fields the header's field count
   * @param labels position of each label column
   * @param features position of each feature column
   */
  record Layout(int fields, int[] labels, int[] features) implements java.io.Serializable {}

  private final String[] displays;
  private final Layout[] layouts;
  private final String[] featureNames;
  private final boolean keepOnly;

  /**
   * A parser; {@code keepOnly}: the label columns are columns to keep, blank values (null) allowed.
   */
  CsvRowParser(String[] displays, Layout[] layouts, String[] featureNames, boolean keepOnly) {
    this.displays = displays;
    this.layouts = layouts;
    this.featureNames = featureNames;
    this.keepOnly = keepOnly;
  }

  @Override
  public RawExample apply(int file, long line, long index, String text) {
    String display = displays[file];
    Layout layout = layouts[file];
    String[] fields = CsvFields.split(text, display, line);
    if (fields.length != layout.fields()) {
      throw new InputException(
          display
              + ":"
              + line
              + ": expected "
              + layout.fields()
              + " fields as in the header, found "
              + fields.length);
    }
    double[] features = new double[layout.features().length];
    for (int j = 0; j < features.length; j++) {
      int c = layout.features()[j];
      features[j] = NumberCell.feature(fields[c], display, line, c + 1, featureNames[j]);
    }
    String[] labels = new String[layout.labels().length];
    for (int k = 0; k < labels.length; k++) {
      int c = layout.labels()[k];
      labels[k] = fields[c].strip();
      if (labels[k].isEmpty()) {
        if (!keepOnly) {
          throw new InputException(display + ":" + line + ":" + (c + 1) + ": empty label");
        }
        labels[k] = null; // a blank cell to keep stays blank in the output
      }
    }
    return new RawExample(index, features, labels);
  }
}
