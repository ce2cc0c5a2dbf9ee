/** Activation functions, applied in place to column-major blocks of pre-activations. */
package sparkmlp.core.activation;
