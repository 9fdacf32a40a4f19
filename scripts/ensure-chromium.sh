#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests when /usr/bin/chromium is
# missing, and the Noto fonts (Cyrillic, Arabic and Persian, Latin accents) the article pages'
# font stack names, so screenshots of articles in those scripts show glyphs, not boxes.
# Playwright drives this system browser; it never downloads one of its own.
# Without root (or sudo) nothing is installed: the browser tests then skip with a reason,
# or fail under CI=true.
set -euo pipefail

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
NOTO_ARABIC=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
if [ -x "$CHROMIUM" ] && [ -f "$NOTO_ARABIC" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "Chromium is missing at $CHROMIUM and neither root nor sudo is available:"
    echo "  install it with: sudo apt-get install chromium chromium-driver"
    echo "  (browser tests will skip, or fail under CI=true)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing at $CHROMIUM and this system has no apt-get; install Chromium" \
        "and set CHROMIUM_PATH (browser tests will skip, or fail under CI=true)."
    exit 0
fi

echo "Installing Debian's chromium, chromium-driver and fonts-noto-core (log: build/apt-chromium.log)"
mkdir -p build
export DEBIAN_FRONTEND=noninteractive
if ! { "${as_root[@]}" apt-get update -q \
        && "${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver \
            fonts-noto-core
     } >build/apt-chromium.log 2>&1; then
    cat build/apt-chromium.log
    echo "apt-get could not install chromium or fonts-noto-core; browser tests will skip, or fail under CI=true."
    exit 0
fi
"$CHROMIUM" --version
