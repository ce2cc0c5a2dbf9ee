/** Runnable examples of the {@code sparkmlp.ml} Pipeline stages. */
package sparkmlp.ml.examples;
