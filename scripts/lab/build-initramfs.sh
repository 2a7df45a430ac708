#!/usr/bin/env bash
# PXE lab (docs/testing.md): builds the Talos stand-in initramfs (cpio newc, xz with the CRC32
# check the kernel's decompressor needs) from Debian's busybox-static, the virtio-net modules that
# fetch-kernel.sh copied out, and stand-in-init.sh. Rebuilt only when an input is newer.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${KTIZO_LAB_CACHE:-.cache/pxe-lab}
here=scripts/lab
out="$cache/initramfs-amd64.xz"
# Debian's busybox-static: no shared libraries needed inside the initramfs.
busybox=${KTIZO_LAB_BUSYBOX:-/bin/busybox}
[ -s "$cache/kernel/modules/order" ] || bash "$here/fetch-kernel.sh"

inputs=("$here/stand-in-init.sh" "$here/stand-in-udhcpc.sh" "$here/build-initramfs.sh" "$cache/kernel/package" "$busybox")
fresh=1
[ -s "$out" ] || fresh=0
for input in "${inputs[@]}"; do [ "$fresh" = 1 ] && [ "$input" -nt "$out" ] && fresh=0; done
if [ "$fresh" = 1 ]; then echo "initramfs: up to date ($out)"; exit 0; fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,modules,tmp}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$here/stand-in-init.sh" "$root/init"
install -m 0755 "$here/stand-in-udhcpc.sh" "$root/udhcpc.sh"
cp "$cache"/kernel/modules/* "$root/modules/"
# Fixed mtimes and a sorted file list: the same inputs give the same archive.
find "$root" -exec touch -h -d @0 {} +
(cd "$root" && find . | LC_ALL=C sort | busybox cpio -o -H newc 2>/dev/null) | xz --check=crc32 -9 > "$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $out ($(stat -c %s "$out") bytes)"
