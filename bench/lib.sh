# bench/lib.sh: shell helpers the benchmark scripts share (sourced, not run). The caller sets ROOT (the repository),
# MVN (an array: the Maven command) and a say() that prints a line.

mvn_build() { # LOG ARGS...: offline first (other engineers build here too), then online for what is missing
  local log=$1
  shift
  (cd "$ROOT" && "${MVN[@]}" -B -q -o "$@") >>"$log" 2>&1 && return 0
  say "  (offline build failed, trying online)"
  (cd "$ROOT" && "${MVN[@]}" -B -q "$@") >>"$log" 2>&1 && return 0
  tail -n 30 "$log" >&2
  return 1
}
