package sparkmlp.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkmlp.core.format.Json;

/**
 * Which values {@link Redaction} hides: Spark's key pattern, the cluster's, credentials in URIs.
 */
class RedactionRulesTest {
  @Test
  void sparksDefaultPatternHidesSecretsPasswordsTokensAndAccessKeys() throws Exception {
    JsonNode in =
        Json.MAPPER.readTree(
            "{\"mlp\":{\"spark\":{\"conf\":{\"spark.hadoop.fs.s3a.secret.key\":\"s\","
                + "\"spark.authenticate.secret\":\"a\",\"spark.hadoop.fs.s3a.access.key\":\"k\","
                + "\"spark.executor.memory\":\"4g\",\"my.PASSWORD\":\"p\",\"x.token\":\"t\"}},"
                + "\"train\":{\"epochs\":3}}}");
    assertEquals(
        "{\"mlp\":{\"spark\":{\"conf\":{\"spark.hadoop.fs.s3a.secret.key\":\"*********(redacted)\","
            + "\"spark.authenticate.secret\":\"*********(redacted)\","
            + "\"spark.hadoop.fs.s3a.access.key\":\"*********(redacted)\","
            + "\"spark.executor.memory\":\"4g\",\"my.PASSWORD\":\"*********(redacted)\","
            + "\"x.token\":\"*********(redacted)\"}},\"train\":{\"epochs\":3}}}",
        Redaction.forJob(Map.of()).redact(in, "").toString());
  }

  @Test
  void theClustersPatternWidensTheDefault() throws Exception {
    JsonNode in = Json.MAPPER.readTree("{\"conf\":{\"my.jdbc.credential\":\"c\",\"a\":\"b\"}}");
    assertEquals(
        "{\"conf\":{\"my.jdbc.credential\":\"*********(redacted)\",\"a\":\"b\"}}",
        Redaction.forJob(Map.of("spark.redaction.regex", "(?i)credential"))
            .redact(in, "")
            .toString());
  }

  @Test
  void credentialsInsideUrisAndJdbcParametersAreHidden() {
    assertEquals(
        "s3a://*********(redacted)@bucket/data.csv",
        Redaction.scrub("s3a://AKIA:wJalr@bucket/data.csv"));
    assertEquals(
        "jdbc:postgresql://db/x?user=ml&password=*********(redacted)&ssl=true",
        Redaction.scrub("jdbc:postgresql://db/x?user=ml&password=hunter2&ssl=true"));
    assertEquals("/data/train.csv", Redaction.scrub("/data/train.csv"));
  }
}
