#!/usr/bin/env bash
# Validate a PDF with qpdf, page-validation (PDF/UA-1 and PDF/A-2a), pdfua
# and outloud.
#
# Usage: tools/check_pdf.sh OUT.pdf [REPORT_DIR]
#
# Fails (exit 1) when:
#   qpdf --check      reports errors (exit 2); warnings (exit 3) are printed
#                     and fail only with CHECK_PDF_STRICT_QPDF=1 or
#                     CHECK_PDF_STRICT=1
#   page-validation   (PyPI; page.validate_pdf) fails any rule of profile
#                     ua1 or 2a
#   pdfua check       reports any finding (error, warning or info; exit != 0)
#   outloud           reports any error (its default --fail-on error); with
#                     CHECK_PDF_STRICT=1 any warning too (issue 11's target);
#                     OUTLOUD_SKIP=ID,ID leaves out rules (explained false
#                     positives, see tests/pdf_conformance.rs)
# Exit 2 on bad usage or a missing tool.
# REPORT_DIR (optional) keeps page-ua1.json, page-2a.json, pdfua.json and
# outloud.json.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools/env.sh
. "$here/env.sh"

if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: $0 OUT.pdf [REPORT_DIR]" >&2
  [[ $# -ge 1 ]] && echo "no such file: $1" >&2
  exit 2
fi
pdf="$1"
if [[ $# -eq 2 ]]; then
  reports="$2"; mkdir -p "$reports"
else
  reports="$(mktemp -d)"; trap 'rm -rf "$reports"' EXIT
fi
for t in qpdf "$WARRAQ_VENV/bin/pdfua" "$WARRAQ_VENV/bin/outloud"; do
  command -v "$t" >/dev/null || { echo "missing tool: $t (run .ci/setup)" >&2; exit 2; }
done

fail=()
strict="${CHECK_PDF_STRICT:-0}"
if [[ "$strict" == 1 ]]; then CHECK_PDF_STRICT_QPDF=1; fi

echo "== qpdf --check $pdf"
qpdf --check "$pdf"
rc=$?
case $rc in
  0) echo "qpdf: OK" ;;
  3) echo "qpdf: WARNINGS (exit 3)"
     [[ "${CHECK_PDF_STRICT_QPDF:-0}" == 1 ]] && fail+=("qpdf warnings") ;;
  *) echo "qpdf: ERRORS (exit $rc)"; fail+=("qpdf exit $rc") ;;
esac

for profile in ua1 2a; do
  echo
  echo "== page-validation $profile $pdf"
  "$WARRAQ_PYTHON" - "$pdf" "$profile" "$reports/page-$profile.json" <<'EOF'
import sys
try:
    import page
except ImportError as e:
    print(f"page-validation is not installed (run .ci/setup): {e}")
    sys.exit(2)
pdf, profile, out = sys.argv[1:4]
r = page.validate_pdf(pdf, profile=profile)
with open(out, "w", encoding="utf-8") as f:
    f.write(r.to_json())
for x in r.failures:
    print(f"  [{x.rule_id}] {x.message}")
print(f"rules: {r.rules.passed} passed, {r.rules.failed} failed, {r.rules.total} total; "
      f"checks failed: {r.checks.failed}")
sys.exit(0 if r.rules.failed == 0 else 1)
EOF
  rc=$?
  case $rc in
    0) echo "page-validation $profile: OK" ;;
    1) echo "page-validation $profile: FAILED"; fail+=("page-validation $profile") ;;
    *) echo "page-validation $profile: could not run (exit $rc)"; exit 2 ;;
  esac
done

echo
echo "== pdfua check $pdf"
"$WARRAQ_VENV/bin/pdfua" check "$pdf"
rc=$?
"$WARRAQ_VENV/bin/pdfua" check --format json "$pdf" >"$reports/pdfua.json" 2>/dev/null
summary="$("$WARRAQ_PYTHON" - "$reports/pdfua.json" <<'EOF' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
if isinstance(d, list):
    d = d[0]
s = d.get("summary", {})
sk = d.get("skipped", [])
for x in sk:
    print(f"  rule skipped by pdfua itself: {x.get('rule_id')}: {x.get('reason')}")
print(f"findings={s.get('findings', '?')} errors={s.get('errors', '?')} "
      f"warnings={s.get('warnings', '?')} info={s.get('info', '?')} "
      f"rules_run={s.get('rules_run', '?')} skipped={len(sk)}")
EOF
)"
printf '%s\n' "${summary:-no JSON summary}" | sed '$s/^/pdfua: /; $s/$/ (exit '"$rc"')/'
if [[ $rc -ne 0 ]]; then
  fail+=("pdfua exit $rc (0 clean, 1 info, 2 warning, 3 error, 4 unreadable)")
fi

echo
echo "== outloud $pdf"
fail_on=error
[[ "$strict" == 1 ]] && fail_on=warning
skip=()
[[ -n "${OUTLOUD_SKIP:-}" ]] && skip=(--skip "$OUTLOUD_SKIP")
"$WARRAQ_VENV/bin/outloud" --fail-on "$fail_on" "${skip[@]}" --json "$reports/outloud.json" "$pdf"
rc=$?
summary="$("$WARRAQ_PYTHON" - "$reports/outloud.json" <<'EOF' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
for r in d.get("results", []):
    c = r.get("counts", {})
    print(f"verdict={r.get('verdict')} errors={c.get('error')} warnings={c.get('warning')} "
          f"info={c.get('info')}" + (f" error={r['error']}" if r.get("error") else ""))
EOF
)"
echo "outloud: ${summary:-no JSON summary} (exit $rc)"
if [[ $rc -ne 0 ]]; then
  fail+=("outloud exit $rc (1: ${fail_on}s found, 2: unreadable)")
fi

echo
if [[ ${#fail[@]} -gt 0 ]]; then
  echo "check_pdf: FAIL: ${fail[*]}"
  exit 1
fi
echo "check_pdf: OK"
