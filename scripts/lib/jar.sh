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

# Maven's log reduced to one line per module and step ("[2/4] Freshet engine: compile"), without colour codes
# (Debian's Maven writes a colour reset even in batch mode).
build_progress() {
  sed -u -e 's/\x1b\[[0-9;]*m//g' | awk '
    /^\[INFO\] Building .* \[[0-9]+\/[0-9]+\]$/ {
      step = $NF; name = $0; sub(/^\[INFO\] Building /, "", name); sub(/ [^ ]+ +\[[0-9]+\/[0-9]+\]$/, "", name)
      next
    }
    /^\[INFO\] --- / { goal = $3; sub(/^.*:/, "", goal); printf "  %s %s: %s\n", step, name, goal; fflush(); next }
    /^\[INFO\] Downloading from / { if (!downloading) { print "  downloading dependencies (first build)…"; fflush() }
      downloading = 1; next }
    /^\[INFO\] BUILD SUCCESS/ { print "  built"; fflush() }'
}

ensure_jar() {
  local reason log status
  reason="$(jar_build_reason)"
  if [[ -n "$reason" ]]; then
    echo "building freshet ($reason)…" >&2
    log="$(mktemp "${TMPDIR:-/tmp}/freshet-build.XXXXXX")"
    # Maven copies the dependencies into lib/ without removing those of an earlier build: a jar whose version
    # changed would stay beside its successor, and which of the two a class comes from would be chance.
    rm -rf "$root/web/target/lib" "$root/bench/target/lib"
    set +e
    (cd "$root" && mvn -B -Dstyle.color=never -DskipTests package 2>&1) | tee "$log" | build_progress >&2
    status="${PIPESTATUS[0]}"
    set -e
    if [[ "$status" != "0" ]]; then
      echo "the build failed; Maven's errors (whole log: $log):" >&2
      sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\[(ERROR|FATAL)\]' | head -40 >&2
      exit "$status"
    fi
    rm -f "$log"
    # Maven leaves an up-to-date jar untouched even when another module changed; the jar's time marks this build.
    touch "$jar" "$bench_jar"
  fi
}
