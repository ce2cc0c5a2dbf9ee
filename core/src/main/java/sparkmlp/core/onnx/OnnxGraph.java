package sparkmlp.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.data.Precision;

/**
 * An ONNX {@code GraphProto} under construction: initializers, nodes, inputs and outputs. Field
 * numbers are those of ONNX's {@code onnx.proto} (IR version 8); only the fields this exporter
 * needs are written.
 */
final class OnnxGraph {
  // GraphProto
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_NAME = 2;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_DOC_STRING = 10;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  // NodeProto
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  // AttributeProto and its AttributeType enum
  private static final int ATTR_NAME = 1;
  private static final int ATTR_I = 3;
  private static final int ATTR_TYPE = 20;
  private static final int ATTR_TYPE_INT = 2;
  // TensorProto
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR_TYPE = 1;
  private static final int TENSOR_TYPE_ELEM_TYPE = 1;
  private static final int TENSOR_TYPE_SHAPE = 2;
  private static final int SHAPE_DIM = 1;
  private static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;

  /** {@code TensorProto.DataType} numbers used here besides float and double. */
  static final int INT64 = 7;

  static final int BOOL = 9;

  /** An integer attribute of a node. */
  record IntAttribute(String name, long value) {}

  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();

  /** The {@code TensorProto.DataType} number of a precision: 1 float, 11 double. */
  static int elemType(Precision p) {
    return switch (p) {
      case FLOAT -> 1;
      case DOUBLE -> 11;
    };
  }

  /**
   * Adds a floating-point constant of element type {@code elemType} (1 float, 11 double),
   * row-major, stored little-endian in {@code raw_data}; returns its name.
   */
  String constant(String name, int elemType, long[] dims, double[] values) {
    ByteBuffer raw;
    if (elemType == elemType(Precision.FLOAT)) {
      raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (double v : values) {
        raw.putFloat((float) v);
      }
    } else {
      raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      for (double v : values) {
        raw.putDouble(v);
      }
    }
    return tensor(name, elemType, dims, raw.array());
  }

  /** Adds an int64 constant; returns its name. */
  String int64Constant(String name, long[] dims, long[] values) {
    ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    return tensor(name, INT64, dims, raw.array());
  }

  private String tensor(String name, int elemType, long[] dims, byte[] raw) {
    ProtoWriter t = new ProtoWriter();
    for (long d : dims) {
      t.int64(TENSOR_DIMS, d);
    }
    t.int64(TENSOR_DATA_TYPE, elemType).string(TENSOR_NAME, name).bytes(TENSOR_RAW_DATA, raw);
    initializers.add(t);
    return name;
  }

  /** Adds a node {@code op(inputs) -> output}; returns the output's name. */
  String node(String op, List<String> in, String output, IntAttribute... attributes) {
    ProtoWriter n = new ProtoWriter();
    for (String i : in) {
      n.string(NODE_INPUT, i);
    }
    n.string(NODE_OUTPUT, output).string(NODE_NAME, output + "_" + op).string(NODE_OP_TYPE, op);
    for (IntAttribute a : attributes) {
      n.message(
          NODE_ATTRIBUTE,
          new ProtoWriter()
              .string(ATTR_NAME, a.name())
              .int64(ATTR_I, a.value())
              .int64(ATTR_TYPE, ATTR_TYPE_INT));
    }
    nodes.add(n);
    return output;
  }

  /**
   * Declares a graph input; each dimension is a {@code Long} (fixed) or a {@code String} (named,
   * dynamic).
   */
  void input(String name, int elemType, Object... dims) {
    inputs.add(valueInfo(name, elemType, dims));
  }

  /** Declares a graph output, dimensions as for {@link #input}. */
  void output(String name, int elemType, Object... dims) {
    outputs.add(valueInfo(name, elemType, dims));
  }

  private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof String param) {
        dim.string(DIM_PARAM, param);
      } else {
        dim.int64(DIM_VALUE, (Long) d);
      }
      shape.message(SHAPE_DIM, dim);
    }
    ProtoWriter tensorType =
        new ProtoWriter().int64(TENSOR_TYPE_ELEM_TYPE, elemType).message(TENSOR_TYPE_SHAPE, shape);
    return new ProtoWriter()
        .string(VALUE_INFO_NAME, name)
        .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
  }

  /** The finished {@code GraphProto}. */
  ProtoWriter toProto(String name, String doc) {
    ProtoWriter g = new ProtoWriter();
    for (ProtoWriter n : nodes) {
      g.message(GRAPH_NODE, n);
    }
    g.string(GRAPH_NAME, name);
    for (ProtoWriter t : initializers) {
      g.message(GRAPH_INITIALIZER, t);
    }
    g.string(GRAPH_DOC_STRING, doc);
    for (ProtoWriter i : inputs) {
      g.message(GRAPH_INPUT, i);
    }
    for (ProtoWriter o : outputs) {
      g.message(GRAPH_OUTPUT, o);
    }
    return g;
  }
}
