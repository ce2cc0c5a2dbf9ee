#!/usr/bin/env bash
# Makes model-<line>.mlp, the cross-line fixture of CrossLineModelTest: iris, conf/iris.conf, 5 epochs, trained
# by the job jar of one Spark line in-process on local[2]. Both lines give the same weights to the last bit. Run from the repository root after packaging that line:
#   mvn -B -q -Pspark-3.5 -pl spark-job -am package -DskipTests
#   spark-job/src/test/resources/cross-line/make-fixture.sh spark-3.5 target/spark-3.5 2.12
#   mvn -B -q -pl spark-job -am package -DskipTests
#   spark-job/src/test/resources/cross-line/make-fixture.sh spark-4.2 target 2.13
set -euo pipefail
LINE=$1 BUILD=spark-job/$2 SCALA=$3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=/tmp/sparkmlp-cross-line  # fixed: the model records its output folder
rm -rf "$OUT"
trap 'rm -rf "$OUT"' EXIT
ADD_OPENS=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  ADD_OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
SPARK_LOCAL_IP=127.0.0.1 OPENBLAS_NUM_THREADS=1 java --add-modules=jdk.incubator.vector "${ADD_OPENS[@]}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile=conf/log4j2.properties \
  -cp "$BUILD/sparkmlp-spark-job_$SCALA-0.1.0-SNAPSHOT-job.jar:$(cat "$BUILD/classpath.txt")" \
  sparkmlp.spark.cli.MlpCommand train --config conf/iris.conf --output "$OUT/iris" --master 'local[2]' \
  --set data.test= --set train.epochs=5 --set log.progress=never
cp "$OUT/iris/model.mlp" "$HERE/model-$LINE.mlp"
