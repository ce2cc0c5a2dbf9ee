package sparkmlp.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The BLAS the process uses, chosen once by netlib (native OpenBLAS through JNI when the machine
 * has {@code libblas.so.3}, else the Vector API version, else plain Java), and the level-3 calls
 * the network needs. All matrices are column-major arrays with explicit offsets.
 */
public final class Blas {
  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
  private static final String DESCRIPTION = describe(BLAS_INSTANCE);

  static {
    Logger.getLogger(Blas.class.getName()).info("BLAS in use: " + DESCRIPTION);
  }

  private Blas() {}

  /**
   * A one-line description of the BLAS in use, e.g. {@code native (OpenBLAS:
   * /usr/lib/.../libblas.so.3)}.
   */
  public static String implementation() {
    return DESCRIPTION;
  }

  /** True when the calls go to a native library rather than to Java code. */
  public static boolean isNative() {
    return BLAS_INSTANCE instanceof dev.ludovic.netlib.blas.NativeBLAS;
  }

  /**
   * C = alpha · op(A) · op(B) + beta · C, all column-major. {@code transA}/{@code transB} say
   * whether A or B is read transposed; m×k times k×n gives m×n.
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOff,
      int lda,
      double[] b,
      int bOff,
      int ldb,
      double beta,
      double[] c,
      int cOff,
      int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.dgemm(
        transA ? "T" : "N",
        transB ? "T" : "N",
        m,
        n,
        k,
        alpha,
        a,
        aOff,
        lda,
        b,
        bOff,
        ldb,
        beta,
        c,
        cOff,
        ldc);
  }

  /** Single-precision C = alpha · op(A) · op(B) + beta · C. */
  public static void sgemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float beta,
      float[] c,
      int cOff,
      int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    BLAS_INSTANCE.sgemm(
        transA ? "T" : "N",
        transB ? "T" : "N",
        m,
        n,
        k,
        alpha,
        a,
        aOff,
        lda,
        b,
        bOff,
        ldb,
        beta,
        c,
        cOff,
        ldc);
  }

  private static String describe(BLAS blas) {
    String impl = blas.getClass().getSimpleName();
    if (blas instanceof dev.ludovic.netlib.blas.NativeBLAS) {
      String lib = loadedBlasLibrary();
      String flavour =
          lib.toLowerCase(Locale.ROOT).contains("openblas")
              ? "OpenBLAS"
              : lib.toLowerCase(Locale.ROOT).contains("mkl") ? "MKL" : "native BLAS";
      String threads = System.getenv("OPENBLAS_NUM_THREADS");
      return "native "
          + flavour
          + " via "
          + impl
          + " ("
          + lib
          + ")"
          + (threads == null ? "" : ", OPENBLAS_NUM_THREADS=" + threads);
    }
    if (impl.equals("VectorBLAS")) {
      return "Java Vector API (" + impl + "); install libopenblas0 for native speed";
    }
    return "plain Java ("
        + impl
        + "); install libopenblas0 for native speed, or run with"
        + " --add-modules jdk.incubator.vector";
  }

  /** The shared object behind libblas.so.3 in this process, read from the process's memory map. */
  private static String loadedBlasLibrary() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String file = line.substring(slash);
        String name = file.toLowerCase(Locale.ROOT);
        if (name.contains("openblas") || name.contains("libblas") || name.contains("mkl_rt")) {
          return Path.of(file).toRealPath().toString();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "library unknown";
    }
    return "library unknown";
  }
}
