#!/bin/sh
# /init of the PXE lab's Talos STAND-IN (docs/testing.md). Not Talos: a busybox initramfs that does
# what Talos does first on a PXE boot (https://www.talos.dev/v1.11/reference/kernel/#talosconfig):
# DHCP on the NIC, read talos.config= from the kernel command line, download the machine config
# with retries; then it reports the result on the serial console for the test and powers off.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
say() { echo "ktizo-lab: $*"; }
say "stand-in booted: $(uname -r)"
while read -r module; do insmod "/modules/$module.ko" || say "insmod $module failed"; done < /modules/order
ip link set lo up
iface=""
for try in 1 2 3 4 5 6 7 8 9 10; do
  for path in /sys/class/net/*; do [ "${path##*/}" = lo ] || iface=${path##*/}; done
  [ -n "$iface" ] && break
  sleep 1
done
say "nic $iface $(cat "/sys/class/net/$iface/address" 2>/dev/null)"
ip link set "$iface" up
udhcpc -i "$iface" -s /udhcpc.sh -n -q -t 10 -T 3 || say "dhcp failed"
say "address $(ip -4 -o addr show dev "$iface" | awk '{print $4}')"
url=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^talos\.config=//p')
say "talos.config=$url"
ok=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  # Debian busybox 1.35's `wget -T` crashes; timeout(1) bounds each attempt instead.
  if timeout 30 wget -q -O /config.yaml "$url"; then ok=1; break; fi
  say "download attempt $attempt failed"
  rm -f /config.yaml
  sleep 3
done
if [ -n "$ok" ]; then
  say "config downloaded: sha256 $(sha256sum /config.yaml | cut -d' ' -f1) bytes $(wc -c < /config.yaml)"
  # Base64 between markers: the test decodes it and compares it with ktizo's preview.
  echo "ktizo-lab: config base64 begin"
  base64 /config.yaml
  echo "ktizo-lab: config base64 end"
else
  say "config download FAILED"
fi
say "powering off"
sync
poweroff -f
