#!/bin/bash
cd /work/main
for v in 1 2 0 1 2; do
  args=""
  [ "$v" != 0 ] && args="--api-nodes $v"
  echo "=== variant api-nodes=$v $(date +%T)"
  java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath)" io.dealflow.benchmarks.harness.Bench --quick --scenarios commands --no-results --jar standalone/target/dealflow-standalone.jar $args 2>&1 | grep -E '^\{"scenario":"(commands|raw_commits)"|api node up|server up'
done
echo "=== end $(date +%T)"
