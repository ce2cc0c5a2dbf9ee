package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads LibSVM text into dense examples, inferring the width from the largest index when not given.
 */
final class LibSvmReader {

  private LibSvmReader() {}

  static RawData read(JavaSparkContext sc, DataSpec spec, InputPath in) {
    List<InputFile> files = new ArrayList<>();
    for (InputFile file : in.files()) {
      if (file.length() > 0) {
        files.add(file);
      } else if (!in.isDirectory()) {
        throw new InputException(file.display() + ": file is empty");
      }
    }
    if (files.isEmpty()) {
      throw new InputException(in.given() + ": all files are empty");
    }
    TextInput text = TextInput.open(sc, files, false, LibSvmLine::isData);
    if (text.rows() == 0) {
      throw new InputException(in.given() + ": no data rows");
    }
    String[] displays = files.stream().map(InputFile::display).toArray(String[]::new);
    int width = spec.numFeatures();
    if (width == 0) {
      // Inference needs a pass over the data; it also finds bad lines early.
      width = (int) text.max(LibSvmLine.maxIndex(displays));
      if (width == 0) {
        throw new InputException(
            in.given() + ": no feature indices in the data; set the number of features");
      }
    }
    List<String> names = new ArrayList<>(width);
    for (int j = 1; j <= width; j++) {
      names.add("f" + j);
    }
    return RawData.scanned(
        in.given(),
        names,
        List.of("label"),
        text.scan(new LibSvmLine(displays, width)),
        text.rows());
  }
}
