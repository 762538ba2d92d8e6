# Sourced by scripts/freshet and scripts/bench with $root set: builds web/target/freshet.jar (and its lib/), and the
# benchmarks' bench/target/freshet-bench.jar (and its lib/), when either is missing, when FRESHET_REBUILD=1, or when a
# source file or pom is newer than the jar (say, after a pull).
jar="$root/web/target/freshet.jar"
bench_jar="$root/bench/target/freshet-bench.jar"

jar_build_reason() {
  if [[ ! -f "$jar" ]]; then
    echo "first use"
  elif [[ ! -f "$bench_jar" ]]; then
    echo "the benchmarks' jar is missing"
  elif [[ "${FRESHET_REBUILD:-0}" == "1" ]]; then
    echo "FRESHET_REBUILD=1"
  else
    local newer
    newer="$(find "$root/pom.xml" "$root"/engine/pom.xml "$root"/tasks/pom.xml "$root"/web/pom.xml \
      "$root"/bench/pom.xml "$root"/engine/src "$root"/tasks/src "$root"/web/src "$root"/bench/src \
      -newer "$jar" -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then
      echo "${newer#"$root"/} is newer than the jar"
    fi
  fi
}

ensure_jar() {
  local reason
  reason="$(jar_build_reason)"
  if [[ -n "$reason" ]]; then
    echo "building freshet ($reason)…" >&2
    (cd "$root" && mvn -q -B -DskipTests package >&2)
    # Maven leaves an up-to-date jar untouched even when another module changed; the jar's time marks this build.
    touch "$jar" "$bench_jar"
  fi
}
