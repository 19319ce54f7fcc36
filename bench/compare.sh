#!/usr/bin/env bash
# warraq against Typst in one run, on this machine (issue 18): the cold CLI
# making PDF + EPUB against Typst compiling the same content to PDF/UA-1
# with the same font, at 1x and 20x the report. The 20x document is not the
# report repeated (a cache would see only repeats): bench/shuffle.py builds
# it from the report's sentences shuffled and recombined with a fixed seed,
# and its vocabulary grows with its length.
#
#   bash bench/compare.sh            (after `bash .ci/setup`; RUNS=7 by default)
#
# Runs alternate (warraq, typst, warraq, …) so that both see the same load.
# Printed per size: the median wall and CPU (user + system) seconds of each,
# their spread (min-max), the ratios warraq/typst of the medians, and peak
# RSS. Typst runs through the PyPI `typst` package (its compiler as a Python
# extension): the cost of starting Python and importing it is measured
# alone too, and a second CPU ratio leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/env.sh
RUNS=${RUNS:-7}
PY=${WARRAQ_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/warraq

cat >"$work/typst_compile.py" <<PYEOF
import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=["$PWD/fonts"], pdf_standards=["ua-1"])
PYEOF

# one FILE CMD...: appends "wall cpu rss_kb" of one run to FILE.
one() {
  local file=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  awk '{printf "%s %.3f %s\n", $1, $2 + $3, $4}' "$work/t" >>"$file"
}
# stats FILE COLUMN: "median min max" of a column.
stats() {
  awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {m = NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f %.3f\n", m, a[1], a[NR]}'
}

echo "runs per tool and size: $RUNS (alternating); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %-7s %22s %22s %9s %6s\n' size tool "wall s (median min-max)" "cpu s (median min-max)" "rss MB" pages
for n in 1 20; do
  "$PY" bench/shuffle.py examples/un-report/report.json "$n" >"$work/d$n.json" 2>"$work/shuffle$n"
  "$PY" bench/to_typst.py "$work/d$n.json" >"$work/d$n.typ"
  : >"$work/w$n"; : >"$work/t$n"
  for _ in $(seq "$RUNS"); do
    one "$work/w$n" "$bin" render "$work/d$n.json" --pdf "$work/w.pdf" --epub "$work/w.epub"
    one "$work/t$n" "$PY" "$work/typst_compile.py" "$work/d$n.typ" "$work/t.pdf"
  done
  for tool in w t; do
    name=$([ $tool = w ] && echo warraq || echo typst)
    pdf=$([ $tool = w ] && echo "$work/w.pdf" || echo "$work/t.pdf")
    read -r wm wlo whi < <(stats "$work/$tool$n" 1)
    read -r cm clo chi < <(stats "$work/$tool$n" 2)
    rss=$(awk '{if ($3 > m) m = $3} END {printf "%.1f", m / 1024}' "$work/$tool$n")
    printf '%-4s %-7s %8s %6s-%-6s %8s %6s-%-6s %9s %6s\n' "${n}x" "$name" "$wm" "$wlo" "$whi" "$cm" "$clo" "$chi" "$rss" \
      "$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
    eval "${tool}_wall=$wm ${tool}_cpu=$cm ${tool}_rss=$rss"
  done
  printf '%-4s ratio warraq/typst: wall %.3f  cpu %.3f  rss %.3f   (%s)\n' "${n}x" \
    "$(echo "$w_wall/$t_wall" | bc -l)" "$(echo "$w_cpu/$t_cpu" | bc -l)" "$(echo "$w_rss/$t_rss" | bc -l)" "$(cat "$work/shuffle$n")"
  eval "t_cpu_$n=$t_cpu w_cpu_$n=$w_cpu"
done
: >"$work/py"
for _ in $(seq "$RUNS"); do one "$work/py" "$PY" -c "import typst"; done
read -r pc _ _ < <(stats "$work/py" 2)
read -r pw _ _ < <(stats "$work/py" 1)
printf 'python + import typst alone: wall %s s, cpu %s s (in the typst rows); cpu ratio without it: 1x %.3f, 20x %.3f\n' \
  "$pw" "$pc" "$(echo "$w_cpu_1/($t_cpu_1-$pc)" | bc -l)" "$(echo "$w_cpu_20/($t_cpu_20-$pc)" | bc -l)"
