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

  CsvRowParser(String[] displays, Layout[] layouts, String[] featureNames) {
    this.displays = displays;
    this.layouts = layouts;
    this.featureNames = featureNames;
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
        throw new InputException(display + ":" + line + ":" + (c + 1) + ": empty label");
      }
    }
    return new RawExample(index, features, labels);
  }
}
