package sparkmlp.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;

/**
 * Exported files run in ONNX Runtime and give what {@link Model#predict} gives: within 1e-6 for
 * float64 exports, 1e-4 for float32, for every task, hidden activation and output activation, on
 * batches of 1 and 1,000 rows of the bundled data sets.
 */
class OnnxExportTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  private static final double DOUBLE_TOL = 1e-6;
  private static final double FLOAT_TOL = 1e-4;

  /** One exported case: the model and the data set it reads. */
  record Case(String name, Model model, OnnxFixtures.Data data) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    OnnxFixtures.Data digits = OnnxFixtures.load("digits");
    OnnxFixtures.Data cancer = OnnxFixtures.load("breast-cancer");
    List<Case> cases = new ArrayList<>();
    long seed = 1;
    for (Activation h :
        List.of(Activation.RELU, Activation.SIGMOID, Activation.TANH, Activation.IDENTITY)) {
      String a = h.id();
      cases.add(
          new Case(
              "multiclass digits " + a,
              OnnxFixtures.model(
                  digits,
                  Task.MULTICLASS,
                  10,
                  h,
                  Activation.SOFTMAX,
                  Normalizer.Kind.STANDARD,
                  seed++),
              digits));
      cases.add(
          new Case(
              "multiclass iris " + a,
              OnnxFixtures.model(
                  iris, Task.MULTICLASS, 3, h, Activation.SOFTMAX, Normalizer.Kind.MINMAX, seed++),
              iris));
      cases.add(
          new Case(
              "binary breast-cancer " + a,
              OnnxFixtures.model(
                  cancer, Task.BINARY, 2, h, Activation.SIGMOID, Normalizer.Kind.STANDARD, seed++),
              cancer));
      cases.add(
          new Case(
              "multilabel digits " + a,
              OnnxFixtures.model(
                  digits,
                  Task.MULTILABEL,
                  4,
                  h,
                  Activation.SIGMOID,
                  Normalizer.Kind.STANDARD,
                  seed++),
              digits));
      for (Activation out : List.of(Activation.IDENTITY, Activation.RELU)) {
        cases.add(
            new Case(
                "regression breast-cancer " + a + "/" + out.id(),
                OnnxFixtures.model(
                    cancer, Task.REGRESSION, 2, h, out, Normalizer.Kind.STANDARD, seed++),
                cancer));
      }
    }
    cases.add(
        new Case(
            "multiclass iris, no normalisation",
            OnnxFixtures.model(
                iris,
                Task.MULTICLASS,
                3,
                Activation.RELU,
                Activation.SOFTMAX,
                Normalizer.Kind.NONE,
                seed),
            iris));
    List<Arguments> args = new ArrayList<>();
    for (Case c : cases) {
      for (Precision p : Precision.values()) {
        args.add(Arguments.of(c, p));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void onnxRuntimeAgreesWithModelPredict(Case c, Precision precision) throws OrtException {
    byte[] onnx = OnnxExporter.export(c.model(), new OnnxOptions(precision, false));
    double tol = precision == Precision.DOUBLE ? DOUBLE_TOL : FLOAT_TOL;
    try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions())) {
      for (int n : new int[] {1, 1000}) {
        double[][] x = c.data().batch(n);
        assertAgrees(c.model(), session, x, precision, tol);
      }
    }
  }

  /**
   * Folding the normalisation into the first Gemm is as good within the tolerances; measured over
   * all cases at 1,000 rows, the largest difference from Model.predict was 4.4e-16 unfolded and
   * 9.7e-15 folded in double, 2.5e-6 and 5.3e-6 in float, so the unfolded Sub/Mul form is the
   * default.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void foldedNormalisationAgreesToo(Case c, Precision precision) throws OrtException {
    byte[] onnx = OnnxExporter.export(c.model(), new OnnxOptions(precision, true));
    double tol = precision == Precision.DOUBLE ? DOUBLE_TOL : FLOAT_TOL;
    try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions())) {
      assertAgrees(c.model(), session, c.data().batch(1000), precision, tol);
    }
  }

  @Test
  void declaresNamesShapesMetadataAndProducer() throws OrtException {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    Model m =
        OnnxFixtures.model(
            iris,
            Task.MULTICLASS,
            3,
            Activation.TANH,
            Activation.SOFTMAX,
            Normalizer.Kind.MINMAX,
            7);
    try (OrtSession s =
        ENV.createSession(
            OnnxExporter.export(m, OnnxOptions.defaults()), new OrtSession.SessionOptions())) {
      TensorInfo in = (TensorInfo) s.getInputInfo().get("features").getInfo();
      assertArrayEquals(new long[] {-1, 4}, in.getShape());
      assertEquals("FLOAT", in.type.name());
      Map<String, NodeInfo> outs = s.getOutputInfo();
      assertEquals(List.of("probabilities", "label"), new ArrayList<>(outs.keySet()));
      assertArrayEquals(
          new long[] {-1, 3}, ((TensorInfo) outs.get("probabilities").getInfo()).getShape());
      assertEquals("INT64", ((TensorInfo) outs.get("label").getInfo()).type.name());
      var meta = s.getMetadata();
      assertEquals("sparkmlp", meta.getProducerName());
      assertEquals("io.sparkmlp", meta.getDomain());
      Map<String, String> props = meta.getCustomMetadata();
      assertEquals(
          "[\"sepal_length_cm\",\"sepal_width_cm\",\"petal_length_cm\",\"petal_width_cm\"]",
          props.get("feature_names"));
      assertEquals("[\"class_0\",\"class_1\",\"class_2\"]", props.get("class_names"));
      assertEquals("multiclass", props.get("sparkmlp.task"));
      assertEquals(
          "4-16(tanh)-8(tanh)-3(softmax), softmax-cross-entropy", props.get("sparkmlp.network"));
      assertEquals("minmax", props.get("sparkmlp.normalization"));
    }
  }

  @Test
  void producerVersionIsTheBuildsVersion() {
    assertTrue(OnnxExporter.producerVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
  }

  @Test
  void onnxRuntimeRejectsACorruptFile() {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    Model m =
        OnnxFixtures.model(
            iris, Task.MULTICLASS, 3, Activation.RELU, Activation.SOFTMAX, Normalizer.Kind.NONE, 3);
    byte[] onnx = OnnxExporter.export(m, OnnxOptions.defaults());
    byte[] cut = Arrays.copyOf(onnx, onnx.length / 2);
    assertThrows(
        OrtException.class, () -> ENV.createSession(cut, new OrtSession.SessionOptions()).close());
  }

  @Test
  void weightsBeyondFloatRangeAreOneClearError() {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    Model m =
        OnnxFixtures.model(
            iris, Task.MULTICLASS, 3, Activation.RELU, Activation.SOFTMAX, Normalizer.Kind.NONE, 3);
    double[] p = m.params();
    p[5] = 1e39;
    Model big = m.with(p, "{}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OnnxExporter.export(big, OnnxOptions.defaults()));
    assertEquals(
        "cannot export as float: layer 1 has the value 1.0E39 at parameter 5, beyond float32's"
            + " range; export with precision double",
        e.getMessage());
    // The same model exports as double.
    assertTrue(OnnxExporter.export(big, new OnnxOptions(Precision.DOUBLE, false)).length > 0);
  }

  @Test
  void normalisationBeyondFloatRangeIsOneClearError() {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    Model m =
        OnnxFixtures.model(
            iris, Task.MULTICLASS, 3, Activation.RELU, Activation.SOFTMAX, Normalizer.Kind.NONE, 3);
    Model wide =
        new Model(
            m.network(),
            m.task(),
            m.params(),
            new Model.Features(
                new Normalizer(
                    Normalizer.Kind.STANDARD,
                    new double[] {0, 0, -4e38, 0},
                    new double[] {1, 1, 1e-38, 1}),
                m.featureNames(),
                null),
            m.labelNames(),
            "{}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExporter.export(wide, OnnxOptions.defaults()));
    assertEquals(
        "cannot export as float: the normalisation of feature 3 (shift -4.0E38, scale 1.0E-38) is"
            + " beyond float32's range; export with precision double",
        e.getMessage());
  }

  /**
   * Dropout only acts while training: the export of a model trained with it is its dense layers.
   */
  @Test
  void aModelWithDropoutExportsAsItsDenseLayers() throws OrtException {
    OnnxFixtures.Data digits = OnnxFixtures.load("digits");
    Model plain =
        OnnxFixtures.model(
            digits,
            Task.MULTICLASS,
            10,
            Activation.RELU,
            Activation.SOFTMAX,
            Normalizer.Kind.STANDARD,
            77);
    Network n = plain.network();
    Network withDropout =
        Network.of(
            n.inputSize(),
            n.loss(),
            n.layer(0),
            sparkmlp.core.layer.Dropout.of(0.3),
            n.layer(1),
            sparkmlp.core.layer.Dropout.of(0.2),
            n.layer(2));
    Model m =
        new Model(
            withDropout,
            plain.task(),
            plain.params(),
            new Model.Features(plain.normalizer(), plain.featureNames(), null),
            plain.labelNames(),
            plain.trainingJson());
    byte[] onnx = OnnxExporter.export(m, new OnnxOptions(Precision.DOUBLE, false));
    try (OrtSession session = ENV.createSession(onnx, new OrtSession.SessionOptions())) {
      assertAgrees(m, session, digits.batch(200), Precision.DOUBLE, DOUBLE_TOL);
    }
  }

  static void assertAgrees(
      Model model, OrtSession session, double[][] x, Precision precision, double tol)
      throws OrtException {
    double[][] expected = model.predict(x);
    Task task = model.task();
    try (OnnxTensor input = tensor(x, precision);
        OrtSession.Result r = session.run(Map.of("features", input))) {
      String head = task == Task.REGRESSION ? "predictions" : "probabilities";
      double[][] got = values(r.get(head).orElseThrow());
      assertEquals(x.length, got.length);
      for (int i = 0; i < x.length; i++) {
        double[] want =
            task == Task.BINARY ? new double[] {1 - expected[i][0], expected[i][0]} : expected[i];
        assertEquals(want.length, got[i].length, "row " + i);
        for (int k = 0; k < want.length; k++) {
          assertEquals(want[k], got[i][k], tol, "row " + i + ", output " + k);
        }
      }
      if (task == Task.MULTICLASS || task == Task.BINARY) {
        long[] labels = (long[]) r.get("label").orElseThrow().getValue();
        for (int i = 0; i < x.length; i++) {
          if (clearCut(model, expected[i], tol)) {
            assertEquals(model.classOf(expected[i]), labels[i], "row " + i);
          }
        }
      } else if (task == Task.MULTILABEL) {
        long[][] labels = (long[][]) r.get("label").orElseThrow().getValue();
        for (int i = 0; i < x.length; i++) {
          for (int k = 0; k < expected[i].length; k++) {
            if (Math.abs(expected[i][k] - 0.5) > tol) {
              assertEquals(expected[i][k] >= 0.5 ? 1 : 0, labels[i][k], "row " + i);
            }
          }
        }
      }
    }
  }

  /** False when rounding could flip the class: a near tie or a probability near 0.5. */
  private static boolean clearCut(Model model, double[] out, double tol) {
    if (model.task() == Task.BINARY) {
      return Math.abs(out[0] - 0.5) > tol;
    }
    double[] sorted = out.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - 1] - sorted[sorted.length - 2] > 2 * tol;
  }

  static OnnxTensor tensor(double[][] x, Precision precision) throws OrtException {
    if (precision == Precision.DOUBLE) {
      return OnnxTensor.createTensor(ENV, x);
    }
    float[][] f = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      f[i] = new float[x[i].length];
      for (int j = 0; j < f[i].length; j++) {
        f[i][j] = (float) x[i][j];
      }
    }
    return OnnxTensor.createTensor(ENV, f);
  }

  static double[][] values(OnnxValue v) throws OrtException {
    Object o = v.getValue();
    if (o instanceof double[][] d) {
      return d;
    }
    float[][] f = (float[][]) o;
    double[][] d = new double[f.length][];
    for (int i = 0; i < f.length; i++) {
      d[i] = new double[f[i].length];
      for (int j = 0; j < f[i].length; j++) {
        d[i][j] = f[i][j];
      }
    }
    return d;
  }
}
