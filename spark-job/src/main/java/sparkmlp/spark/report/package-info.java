/**
 * What people see of a run: the console reporter (epoch lines, progress bar) and the PNG charts.
 */
package sparkmlp.spark.report;
