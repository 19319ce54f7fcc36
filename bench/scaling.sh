#!/usr/bin/env bash
# Renders each formerly quadratic case of issue 19 (items 5 and 6) at 1x, 2x
# and 4x its base size with the release CLI and prints the seconds, the peak
# memory and the time ratio per doubling (target: <= 2.5 for every case).
#
#   bash bench/scaling.sh [CASE...]       (all cases when none is named)
#
# F (default 1) scales the base sizes: at F=1 the 4x run of each case is the
# size the issue measured (bench/scaling_cases.py documents each case).
# TIMEOUT (default 300) bounds one run, in seconds. `numbered1` runs
# `warraq check`; every other case runs `render --pdf --epub`.
# Set NOBUILD=1 to time an existing target/release/warraq as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
F=${F:-1}
TIMEOUT=${TIMEOUT:-300}
PY=${WARRAQ_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -n "${NOBUILD:-}" ] || cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/warraq
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ $# -eq 0 ]; then
  mapfile -t cases < <("$PY" bench/scaling_cases.py list)
else
  cases=("$@")
fi

# run CASE FILE: prints "seconds peak_rss_mb", or "timeout -" / "fail -"
run() {
  local cmd
  if [ "$1" = numbered1 ]; then
    cmd=("$bin" check "$2")
  else
    cmd=("$bin" render "$2" --pdf "$work/out.pdf" --epub "$work/out.epub")
  fi
  local rc=0
  /usr/bin/time -f '%e %M' -o "$work/time" timeout "$TIMEOUT" "${cmd[@]}" \
    >/dev/null 2>"$work/err" || rc=$?
  if [ "$rc" = 124 ]; then echo "timeout -"; return; fi
  # `check` exits 0 with warnings; anything else is a failure to report.
  if [ "$rc" != 0 ]; then echo "fail($rc) -"; head -c 300 "$work/err" >&2; return; fi
  read -r t m <"$work/time"
  echo "$t $((m / 1024))"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b ~ /^[0-9.]+$/) printf "%.2f", b / a; else print "-" }'; }

printf '%-10s %8s %8s %8s %7s %7s %8s %8s %8s\n' \
  case 1x_s 2x_s 4x_s 2x/1x 4x/2x 1x_MB 2x_MB 4x_MB
for c in "${cases[@]}"; do
  secs=() mems=()
  for k in 1 2 4; do
    "$PY" bench/scaling_cases.py "$c" "$(awk -v f="$F" -v k="$k" 'BEGIN { print f * k }')" >"$work/in.json"
    read -r s m < <(run "$c" "$work/in.json")
    secs+=("$s") mems+=("$m")
  done
  printf '%-10s %8s %8s %8s %7s %7s %8s %8s %8s\n' "$c" "${secs[@]}" \
    "$(ratio "${secs[0]}" "${secs[1]}")" "$(ratio "${secs[1]}" "${secs[2]}")" "${mems[@]}"
done
