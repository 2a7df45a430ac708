#!/usr/bin/env bash
# PXE lab (docs/testing.md): a real Linux kernel from Debian for the Talos stand-in the lab VMs boot.
# The package is downloaded with `apt-get download` and unpacked with `dpkg-deb -x` into a cache
# folder; it is never installed. Idempotent: a second run with the cache in place does nothing.
# Debian's "cloud" flavour is the smallest x86-64 kernel with virtio; virtio-net and what it needs
# are modules there, so the few .ko files the initramfs loads are copied out next to the kernel.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache=${KTIZO_LAB_CACHE:-.cache/pxe-lab}
# Pinned for a reproducible lab; bookworm keeps this ABI until its next point release. When the
# mirror has dropped it, the ABI the linux-image-cloud-amd64 meta-package points at is used instead.
pkg=${KTIZO_LAB_KERNEL_PKG:-linux-image-6.1.0-50-cloud-amd64-unsigned}
version=${KTIZO_LAB_KERNEL_VERSION:-6.1.176-1}
out="$cache/kernel"
modules=(virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net)

if [ -s "$out/vmlinuz" ] && [ -s "$out/modules/virtio_net.ko" ]; then
  echo "kernel: cached in $out ($(cat "$out/package"))"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt's sandbox user must be able to write the download folder.
chmod 0777 "$work"
download() { (cd "$work" && apt-get download -q "$@" >/dev/null 2>&1); }
# A fresh machine (or CI image) may have no package lists yet.
if ! apt-cache show linux-image-cloud-amd64 >/dev/null 2>&1; then apt-get update -qq; fi
if ! download "$pkg=$version"; then
  abi=$(apt-cache depends linux-image-cloud-amd64 | sed -n 's/^ *Depends: linux-image-\(.*-cloud-amd64\)$/\1/p' | head -n1)
  [ -n "$abi" ] || { echo "kernel: cannot resolve a linux-image-*-cloud-amd64 package (apt-get update?)" >&2; exit 1; }
  echo "kernel: $pkg=$version is not on the mirror; using linux-image-$abi-unsigned" >&2
  pkg="linux-image-$abi-unsigned"
  download "$pkg" || { echo "kernel: apt-get download $pkg failed" >&2; exit 1; }
fi
deb=$(ls "$work"/*.deb)
dpkg-deb -x "$deb" "$work/root"

rm -rf "$out.tmp"
mkdir -p "$out.tmp/modules"
cp "$work"/root/boot/vmlinuz-* "$out.tmp/vmlinuz"
for module in "${modules[@]}"; do
  found=$(find "$work/root/lib/modules" -name "$module.ko*" | head -n1)
  [ -n "$found" ] || { echo "kernel: module $module not in $deb" >&2; exit 1; }
  cp "$found" "$out.tmp/modules/"
done
printf '%s\n' "${modules[@]}" > "$out.tmp/modules/order"
basename "$deb" > "$out.tmp/package"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "kernel: $(cat "$out/package") unpacked to $out"
