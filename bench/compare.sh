#!/usr/bin/env bash
# Times the warraq CLI (cold process, PDF+EPUB) against Typst compiling the same
# content to PDF/UA-1 with the same font, at 1x and 20x the report, and warraq
# alone at 60x. Medians of RUNS runs; peak RSS from /usr/bin/time -v.
#
#   bash bench/compare.sh            (after `bash .ci/setup`; RUNS=5 by default)
#
# Typst runs through the PyPI `typst` package (the Typst compiler as a Python
# extension); the cost of starting Python and importing it is measured too and
# reported separately, so the comparison can be read both ways.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/env.sh
RUNS=${RUNS:-5}
PY=${WARRAQ_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/warraq
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure LABEL CMD...: prints "median_seconds peak_rss_kb"
measure() {
  local times=() rss=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    read -r t m <"$work/time"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$rss"
}

cat >"$work/typst_compile.py" <<PYEOF
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=["$PWD/fonts"], pdf_standards=["ua-1"])
PYEOF

printf '%-6s %-8s %10s %10s %8s %12s\n' size tool median_s peak_rss_MB pages s_per_page
for n in 1 20 60; do
  "$PY" bench/repeat.py examples/un-report/report.json "$n" >"$work/r$n.json"
  read -r wt wm < <(measure "$bin" render "$work/r$n.json" --pdf "$work/w$n.pdf" --epub "$work/w$n.epub")
  wp=$(pdfinfo "$work/w$n.pdf" | awk '/^Pages:/ {print $2}')
  printf '%-6s %-8s %10s %10.1f %8s %12.5f\n' "${n}x" warraq "$wt" "$(echo "$wm/1024" | bc -l)" "$wp" "$(echo "$wt/$wp" | bc -l)"
  if [ "$n" != 60 ]; then
    "$PY" bench/to_typst.py "$work/r$n.json" >"$work/t$n.typ"
    read -r tt tm < <(measure "$PY" "$work/typst_compile.py" "$work/t$n.typ" "$work/t$n.pdf")
    tp=$(pdfinfo "$work/t$n.pdf" | awk '/^Pages:/ {print $2}')
    printf '%-6s %-8s %10s %10.1f %8s %12.5f\n' "${n}x" typst "$tt" "$(echo "$tm/1024" | bc -l)" "$tp" "$(echo "$tt/$tp" | bc -l)"
    printf '%-6s ratio warraq/typst: time %.3f  rss %.3f\n' "${n}x" "$(echo "$wt/$tt" | bc -l)" "$(echo "$wm/$tm" | bc -l)"
  fi
done
read -r pt pm < <(measure "$PY" -c "import typst")
printf 'python + import typst alone: %s s, %.1f MB (included in the typst rows)\n' "$pt" "$(echo "$pm/1024" | bc -l)"
