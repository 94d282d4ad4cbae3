#!/usr/bin/env bash
# Builds dist/hallpay_<version>_<arch>.deb from the PyInstaller folder dist/hallpay and packaging/deb/.
#   make deb     (runs `make dist` first)
# The package installs the folder as /opt/hallpay, /usr/bin/hallpay, the menu entry, the icon and the
# udev rule for USB receipt printers; it depends on pcscd. Its libc6 dependency is the newest GLIBC
# symbol version the bundle needs, so dpkg refuses a distribution too old for it instead of the
# program failing at start: build on the oldest distribution the halls run (docs/install.md).
set -euo pipefail
cd "$(dirname "$0")/.."

src=dist/hallpay
[ -x "$src/hallpay" ] || { echo "build_deb: $src/hallpay is missing; run make dist first" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "build_deb: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
arch=$(dpkg --print-architecture)
stage=build/deb/hallpay_${version}_${arch}
out=dist/hallpay_${version}_${arch}.deb

rm -rf "$stage"
mkdir -p "$stage/opt"
cp -a packaging/deb/. "$stage/"
rm "$stage/DEBIAN/control.in"
cp -a "$src" "$stage/opt/hallpay"
find "$stage" -name __pycache__ -prune -exec rm -rf {} +

# The newest GLIBC_x.y any bundled binary asks for.
glibc=$(find "$stage/opt/hallpay" -type f \( -name '*.so*' -o -name hallpay \) -print0 \
        | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' \
        | sort -u -V | tail -1)
[ -n "$glibc" ] || { echo "build_deb: could not read the GLIBC versions of the bundle" >&2; exit 1; }

size_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size_kb/" \
    -e "s/@LIBC_DEPENDS@/libc6 (>= $glibc)/" packaging/deb/DEBIAN/control.in > "$stage/DEBIAN/control"

# Permissions as a package expects them whatever the checkout's umask was.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f ! -perm -u+x -exec chmod 0644 {} +
find "$stage" -type f -perm -u+x -exec chmod 0755 {} +
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm" "$stage/usr/bin/hallpay"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$stage/DEBIAN/md5sums" "$stage/DEBIAN/control"

dpkg-deb --root-owner-group -Zgzip --build "$stage" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1), installs $((size_kb / 1024)) MB, needs glibc >= $glibc)"
