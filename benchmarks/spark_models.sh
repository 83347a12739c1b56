#!/bin/bash
# Photos through models: the local runner (--threads 2) against Spark local[2] on the same photos and
# the same rigged ONNX models (vlm's test builders), alternating, ROUNDS times; checks that both
# output trees are identical. Not part of CI. Results: benchmarks/RESULTS.md, "Photos through models".
#
# usage: benchmarks/spark_models.sh WORK_DIR [ROUNDS]      (from the repository root; builds the jars)
# WORK_DIR (outside the repository) receives the photos, the models root, the outputs and the logs.
# MVN_FLAGS (default "-B -q") are passed to Maven, e.g. MVN_FLAGS="-B -q -o" offline.
set -euo pipefail
WORK=${1:?usage: benchmarks/spark_models.sh WORK_DIR [ROUNDS]}
ROUNDS=${2:-2}
MVN_FLAGS=${MVN_FLAGS:-"-B -q"}
ROOT=$(pwd)
CLI=$ROOT/datagen/target/spatialvlm4j-cli.jar
JOB=$ROOT/datagen/spark/target/spatialvlm4j-spark-job.jar
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# Both jars, vlm's test classes (the rigged models' builders) and the class paths of Spark and of vlm's tests.
mvn $MVN_FLAGS -DskipTests -pl datagen/spark -am package dependency:build-classpath \
  -Dmdep.includeScope=provided -Dmdep.outputFile="$WORK/spark.cp" >/dev/null
mvn $MVN_FLAGS -pl vlm -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/vlm.cp" >/dev/null
# The class paths go into argument files (short command lines, readable process lists).
echo "-cp $JOB:$(cat "$WORK/spark.cp")" > "$WORK/spark.args"
echo "-cp $ROOT/vlm/target/test-classes:$ROOT/vlm/target/classes:$(cat "$WORK/vlm.cp")" > "$WORK/vlm.args"

# 200 synthetic-rendered 640x480 photos (the images of a synthetic run, marked copies left out).
if [ ! -d "$WORK/photos" ]; then
  java -jar "$CLI" generate --source synthetic --count 200 --seed 5 --format llava --out "$WORK/synth" \
    --threads 2 >/dev/null 2>&1
  mkdir -p "$WORK/photos"
  find "$WORK/synth/images" -name '*.png' ! -name '*.marks.png' -exec cp {} "$WORK/photos/" \;
fi
[ -d "$WORK/models" ] || java @"$WORK/vlm.args" io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot "$WORK/models"

FLAGS=(--source images --input "$WORK/photos" --models "$WORK/models" --seed 7 --shard-size 25
  --format jsonl,parquet)
for round in $(seq 1 "$ROUNDS"); do
  for runner in local spark; do
    out=$WORK/out-$runner
    rm -rf "$out"
    echo "== round $round, $runner, $(date -u +%T) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$runner" = local ]; then
      /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M kB" \
        java -jar "$CLI" generate --threads 2 "${FLAGS[@]}" --out "$out" >"$out.log" 2>"$out.err"
    else
      /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M kB" \
        java @"$WORK/spark.args" io.github.spatialvlm4j.spark.SparkGenerate --master 'local[2]' \
        --log-level ERROR "${FLAGS[@]}" --out "$out" >"$out.log" 2>"$out.err"
    fi
    grep -E "^progress|frames:|^perceive" "$out.log" || true
    tail -1 "$out.err"
  done
  if diff -r "$WORK/out-local" "$WORK/out-spark" >/dev/null; then
    echo "round $round: output trees identical"
  else
    echo "round $round: OUTPUT TREES DIFFER"; exit 1
  fi
done
