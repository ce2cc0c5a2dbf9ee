/**
 * ONNX export: {@link sparkmlp.core.onnx.OnnxExporter} turns a trained {@link
 * sparkmlp.core.model.Model} into an ONNX {@code ModelProto} (normalisation, one {@code Gemm} per
 * dense layer, activations, output heads), written with protobuf's wire format from the field
 * numbers of ONNX's published {@code onnx.proto}; no generated classes.
 */
package sparkmlp.core.onnx;
