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
CWTEX_VERSION=1.0-4
NOTO_VERSION=0.4.3

if ! command -v fontforge >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends fontforge-nox python3-fontforge >/dev/null
fi

apt-get download "texlive-lang-chinese=$TEXLIVE_VERSION" "fonts-lxgw-wenkai=$WENKAI_VERSION" "fonts-cwtex-fs=$CWTEX_VERSION" >/dev/null 2>&1
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

# 仿宋 for traditional characters: cwTeX 仿宋 (TrueType) sets its CJK glyphs
# in a 920-unit box of a 1000-unit em, narrower than the body's grid cell.
# Scale those glyphs to the em (×1000/920), lower them 55 units onto
# FandolFang's centre line, drop the hinting the scaling made stale, and
# unmap the few visible characters it maps to empty glyphs.
dpkg-deb --fsys-tarfile fonts-cwtex-fs_*.deb | tar -x \
  ./usr/share/fonts/truetype/cwtex/cwfs.ttf ./usr/share/doc/fonts-cwtex-fs/copyright
cat > cwconv.py <<'PY'
import sys, fontforge, psMat
f = fontforge.open(sys.argv[1])
m = psMat.compose(psMat.scale(1000.0 / 920), psMat.translate(0, -55))
for g in f.glyphs():
    if g.width == 920:
        g.transform(m)
        g.width = 1000
    if g.unicode > 0x20 and not chr(g.unicode).isspace() and g.foreground.isEmpty() and not g.references:
        g.unicode = -1  # a visible character mapped to nothing (U+02C9, U+FE45 …): let the next face draw it
f.fontname = "cwTeXFangSong-Regular"
f.generate(sys.argv[2], flags=("omit-instructions",))
PY
SOURCE_DATE_EPOCH=1105401600 fontforge -quiet -lang=py -script cwconv.py \
  usr/share/fonts/truetype/cwtex/cwfs.ttf "$here/cwTeXFangSong-Regular.ttf" 2>/dev/null
{ cat usr/share/doc/fonts-cwtex-fs/copyright; printf '\n\n---- /usr/share/common-licenses/GPL-2 ----\n\n'; cat /usr/share/common-licenses/GPL-2; } \
  > "$here/LICENSE-cwTeX.txt"

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
