package sparkmlp.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs compiled test classes into an application jar for {@code SparkSubmit}, at test time. */
public final class AppJar {

  /** System property the build sets to the compiled test classes. */
  public static final String TEST_CLASSES_PROPERTY = "sparkmlp.cluster.testClasses";

  private AppJar() {}

  /**
   * Writes {@code jar} holding every class of {@code packageName} and its subpackages from the
   * compiled test classes, and returns it.
   *
   * @throws IllegalArgumentException if the package has no compiled classes
   */
  public static Path pack(Path jar, String packageName) {
    Path classes =
        Path.of(System.getProperty(TEST_CLASSES_PROPERTY, "target/test-classes")).toAbsolutePath();
    Path packageDir = classes.resolve(packageName.replace('.', '/'));
    List<Path> files;
    try (Stream<Path> walk =
        Files.isDirectory(packageDir) ? Files.walk(packageDir) : Stream.empty()) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + packageDir, e);
    }
    if (files.stream().noneMatch(f -> f.toString().endsWith(".class"))) {
      throw new IllegalArgumentException(
          "expected compiled classes of package "
              + packageName
              + " in "
              + packageDir
              + ", found none");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try {
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file, manifest)) {
        for (Path f : files) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + jar, e);
    }
    return jar;
  }
}
