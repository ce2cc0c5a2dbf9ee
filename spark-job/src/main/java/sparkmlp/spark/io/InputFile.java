package sparkmlp.spark.io;

import java.io.Serializable;

/**
 * One data file.
 *
 * @param display the name used in messages: the path as the user gave it, or for a part file of a
 *     directory the user's path, a slash and the file's name
 * @param uri the fully qualified path Spark and Hadoop read
 * @param length the file's size in bytes (compressed size for compressed files)
 */
record InputFile(String display, String uri, long length) implements Serializable {}
