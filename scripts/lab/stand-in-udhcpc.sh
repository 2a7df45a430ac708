#!/bin/sh
# udhcpc hook of the PXE lab's Talos stand-in: apply the lease udhcpc got (busybox udhcpc(8)).
case "$1" in
  deconfig) ip -4 addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    for gateway in $router; do ip route add default via "$gateway" dev "$interface"; break; done
    ;;
esac
exit 0
