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

# A class-data-sharing archive of the classes a run loads (dynamic AppCDS), kept beside the jar: a JVM that maps it
# skips loading and verifying those classes again (a `freshet runs list` takes about half the CPU time). It is made
# on first use after a build, by a short run of a tiny workflow in a temporary home that loads the engine, its store
# (Flyway, jOOQ, H2), Quartz, DuckDB and the model's libraries, and made again whenever the jar is newer than it.
# Without it (FRESHET_CDS=off, a failed or concurrent making) the JVM starts as before; the JVM's own messages about
# an archive it cannot use are switched off, so that nothing is printed in either case. A making that failed is not
# tried again until the next build; an archive made by another java (its path and stamp differ) is made again. The
# warm-up run sees none of the caller's environment but PATH and HOME: it must never reach the caller's database,
# artifact store or webhooks.
cds_archive="$root/web/target/freshet.jsa"

# Sets cds_opts to the JVM options that map the archive, making the archive first when it is missing or older than
# the jar; to none when there is no archive to use.
cds_opts=()
cds_options() {
  cds_opts=()
  [[ "${FRESHET_CDS:-on}" != "off" ]] || return 0
  local java_stamp
  java_stamp="$(java_fingerprint)"
  if [[ ! -f "$cds_archive" || "$jar" -nt "$cds_archive" || "$(cat "$cds_archive.java" 2>/dev/null)" != "$java_stamp" ]]; then
    if [[ ! -f "$cds_archive.failed" || "$jar" -nt "$cds_archive.failed" ]]; then
      local made=0
      make_cds_archive || made=$?
      if ((made == 0)); then
        { printf '%s\n' "$java_stamp" >"$cds_archive.java"; } 2>/dev/null || true
        rm -f "$cds_archive.failed"
      elif ((made == 1)); then
        touch "$cds_archive.failed" 2>/dev/null || true
      fi
    fi
  fi
  if [[ -f "$cds_archive" && ! "$jar" -nt "$cds_archive" && "$(cat "$cds_archive.java" 2>/dev/null)" == "$java_stamp" ]]; then
    cds_opts=("-XX:SharedArchiveFile=$cds_archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}

# JVM options of the commands that run workflows to completion in this process (`run`, `backfill`), which scripts/bench
# gives the runs it times too. The young generation is bounded: tasks stream their data through buffers they reuse,
# so a larger one holds no more live data, only spreads the same garbage over more memory, which a longer run then
# touches (a 5M-row run peaked 1.2-1.4x as high as a 1M-row one; with the bound, about 1.1x). The JVM's own warnings
# go to stderr, so that stdout holds the run's output alone (`--output json`): a collector other than G1 warns there
# when the bound is more than the whole heap.
# The class-data archive's own warnings stay off there as well (cds_opts only turns them off on stdout).
run_opts=(-XX:MaxNewSize=128m -Xlog:disable "-Xlog:all=warning,cds*=off:stderr" -XX:+DisplayVMOutputToStderr)

# The java that runs: its resolved path and its modification time, read without starting a JVM.
java_fingerprint() {
  local java_bin
  java_bin="$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)"
  printf '%s %s' "$java_bin" "$(stat -c %Y "$java_bin" 2>/dev/null)"
}

make_cds_archive() {
  local work status=0
  work="$(mktemp -d "${TMPDIR:-/tmp}/freshet-cds.XXXXXX")" || return 1
  (
    # one maker at a time; another caller goes on without the archive rather than wait
    if command -v flock >/dev/null; then
      exec 8>>"$cds_archive.lock"
      flock -n 8 || exit 2 # another process is making it: not a failure
    fi
    echo "preparing a class-data archive for faster start-up (once per build)…" >&2
    {
      echo "x,n,y"
      for ((i = 0; i < 64; i++)); do echo "$((i % 7)).$((i * 37 % 100)),$((i % 5)),$((i % 7 + i % 5 * 2)).5"; done
    } >"$work/data.csv"
    cat >"$work/warm-up.yaml" <<YAML
id: cds-warm-up
tasks:
  - { id: ingest, type: ingest.csv, with: { source: "$work/data.csv", target: y, split: { fraction: 0.25, seed: 1 } } }
  - { id: validate, type: validate.data, needs: [ingest], with: { min_rows: 1 } }
  - { id: train, type: train.elasticnet, needs: [validate], with: { alpha: 0.1, l1_ratio: 0.5 } }
  - { id: evaluate, type: evaluate.regression, needs: [train] }
  - { id: promote, type: promote.model, needs: [evaluate], with: { alias: champion } }
YAML
    env -i PATH="$PATH" HOME="$HOME" TMPDIR="$work" \
      java -XX:ArchiveClassesAtExit="$work/freshet.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" \
      run "$work/warm-up.yaml" --home "$work/home" </dev/null >/dev/null 2>&1 || exit 1
    [[ -s "$work/freshet.jsa" ]] || exit 1
    mv -f "$work/freshet.jsa" "$cds_archive"
  ) || status=$?
  rm -rf "$work"
  return "$status"
}
