. /work/main/tools/env.sh
M=/work/main/examples/un-report/report.json; F=/work/main/tests/fixtures/documents
model() { case $1 in report) echo $M;; mini) echo /tmp/mini.json;; *) echo $F/$1.json;; esac; }
for d in "$@"; do for v in "" -log -all -rtl -span; do
  python3 /work/main/tools/check_text_layer.py $(model $d) $d$v.pdf --model-furniture --json > j-$d$v.json 2> e-$d$v.txt
done; done
