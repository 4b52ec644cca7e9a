#!/usr/bin/env bash
# build.sh rebuilds the bundled TrueType faces in this folder from their
# Debian and npm packages (see SOURCES.md). Run as root on Debian 12:
#   bash fonts/build.sh
# It needs apt-get, npm and fontforge (installed here if missing). The output is
# byte-identical across runs: SOURCE_DATE_EPOCH fixes fontforge's timestamps.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

TEXLIVE_VERSION=2022.20230122-1
WENKAI_VERSION=1.250+repack-1
NOTO_VERSION=0.4.3

if ! command -v fontforge >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends fontforge-nox python3-fontforge >/dev/null
fi

apt-get download "texlive-lang-chinese=$TEXLIVE_VERSION" "fonts-lxgw-wenkai=$WENKAI_VERSION" >/dev/null 2>&1
npm pack --silent "@expo-google-fonts/noto-serif-sc@$NOTO_VERSION" "@expo-google-fonts/noto-sans-sc@$NOTO_VERSION" >/dev/null

# 仿宋: FandolFang is CID-keyed CFF, which gopdf cannot load; flatten and write TrueType.
dpkg-deb --fsys-tarfile texlive-lang-chinese_*.deb | tar -x \
  ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf \
  ./usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz ./usr/share/doc/texlive-doc/fonts/fandol/README
cat > conv.py <<'PY'
import sys, fontforge
f = fontforge.open(sys.argv[1])
if f.cidfontname:
    f.cidFlatten()
f.encoding = "UnicodeFull"
f.generate(sys.argv[2])
PY
SOURCE_DATE_EPOCH=1437257760 fontforge -quiet -lang=py -script conv.py \
  usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf "$here/FandolFang-Regular.ttf" 2>/dev/null
zcat usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz > "$here/LICENSE-Fandol.txt"
cp usr/share/doc/texlive-doc/fonts/fandol/README "$here/README-Fandol.txt"

# 楷体: LXGW WenKai, already TrueType.
dpkg-deb --fsys-tarfile fonts-lxgw-wenkai_*.deb | tar -x \
  ./usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf ./usr/share/doc/fonts-lxgw-wenkai/copyright
cp usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf "$here/"
cp usr/share/doc/fonts-lxgw-wenkai/copyright "$here/LICENSE-LXGWWenKai.txt"

# 小标宋 substitute and 宋体: Noto Serif SC; 黑体: Noto Sans SC (static TrueType).
tar -xzf expo-google-fonts-noto-serif-sc-$NOTO_VERSION.tgz package/700Bold/NotoSerifSC_700Bold.ttf \
  package/400Regular/NotoSerifSC_400Regular.ttf package/LICENSE_FONT
cp package/700Bold/NotoSerifSC_700Bold.ttf "$here/NotoSerifSC-Bold.ttf"
cp package/400Regular/NotoSerifSC_400Regular.ttf "$here/NotoSerifSC-Regular.ttf"
cp package/LICENSE_FONT "$here/LICENSE-NotoSerifSC.txt"
rm -rf package
tar -xzf expo-google-fonts-noto-sans-sc-$NOTO_VERSION.tgz package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
cp package/400Regular/NotoSansSC_400Regular.ttf "$here/NotoSansSC-Regular.ttf"
cp package/LICENSE_FONT "$here/LICENSE-NotoSansSC.txt"

cd "$here" && sha256sum ./*.ttf > SHA256SUMS
echo "fonts rebuilt in $here"
