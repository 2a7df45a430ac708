#!/usr/bin/env python3
# A PXE client's DHCP exchange, as firmware does it, for tests in a throwaway network namespace.
# udhcpc cannot show the proxy-DHCP step (the boot-server request on UDP 4011), so this probe
# speaks raw DHCP: DISCOVER with PXE options -> collect OFFERs -> (if a site DHCP server offered an
# address) REQUEST/ACK it and configure it -> if a proxy offer came, send the port-4011 REQUEST to
# the proxy and report its ACK. Prints one JSON object on stdout.
import json, os, random, socket, struct, subprocess, sys, time

iface, mac, arch = sys.argv[1], sys.argv[2], int(sys.argv[3])
user_class = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
wait = float(sys.argv[5]) if len(sys.argv) > 5 else 4.0
vendor_class = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else "PXEClient:Arch:%05d:UNDI:002001" % arch
chaddr = bytes.fromhex(mac.replace(":", ""))
xid = random.getrandbits(32)
uuid = bytes(range(16))


def opt(code, data):
    return bytes([code, len(data)]) + data


def packet(msg_type, ciaddr="0.0.0.0", extra=b""):
    head = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000,
                       socket.inet_aton(ciaddr), b"\0" * 4, b"\0" * 4, b"\0" * 4,
                       chaddr.ljust(16, b"\0"), b"", b"")
    opts = opt(53, bytes([msg_type]))
    opts += opt(55, bytes([1, 3, 6, 43, 54, 60, 66, 67, 97]))
    opts += opt(60, vendor_class.encode())
    opts += opt(93, struct.pack("!H", arch)) + opt(94, bytes([1, 2, 1])) + opt(97, b"\0" + uuid)
    if user_class:
        opts += opt(77, user_class.encode())
    return head + b"\x63\x82\x53\x63" + opts + extra + b"\xff"


def parse(data):
    if len(data) < 240 or data[0] != 2:
        return None
    (_, _, _, _, rxid, _, _, _, yi, si, _, _, _, fname) = struct.unpack("!BBBBIHH4s4s4s4s16s64s128s", data[:236])
    if rxid != xid:
        return None
    opts, i = {}, 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        code, length = data[i], data[i + 1]
        opts[code] = data[i + 2:i + 2 + length]
        i += 2 + length
    boot = opts.get(67, fname.split(b"\0", 1)[0]).split(b"\0", 1)[0].decode()
    return {
        "type": opts.get(53, b"\0")[0], "yiaddr": socket.inet_ntoa(yi), "siaddr": socket.inet_ntoa(si),
        "bootFile": boot or None, "serverId": socket.inet_ntoa(opts[54]) if 54 in opts else None,
        "vendorClass": opts.get(60, b"").decode(errors="replace") or None,
        "menuItem": menu_item(opts.get(43, b"")),
        "subnet": socket.inet_ntoa(opts[1]) if 1 in opts else None,
    }


def menu_item(vendor):
    # PXE vendor options (43): sub-option 9 is the boot menu; its first item's type is what a ROM picks.
    i = 0
    while i + 1 < len(vendor) and vendor[i] != 255:
        code, length = vendor[i], vendor[i + 1]
        if code == 9 and length >= 2:
            return struct.unpack("!H", vendor[i + 2:i + 4])[0]
        i += 2 + length
    return None


def receive(sock, deadline, want, enough=lambda found: False):
    found = []
    while time.time() < deadline:
        sock.settimeout(max(0.05, deadline - time.time()))
        try:
            data, _ = sock.recvfrom(4096)
        except socket.timeout:
            break
        reply = parse(data)
        if reply and reply["type"] == want:
            found.append(reply)
            if enough(found):
                break
    return found


def offers_complete(found):
    # Done once an address is offered and the boot information is known: either the same server
    # sent it (full mode) or a separate proxy offer (yiaddr 0.0.0.0, PXEClient) arrived too.
    address = [o for o in found if o["yiaddr"] != "0.0.0.0"]
    proxy = [o for o in found if o["yiaddr"] == "0.0.0.0"]
    return bool(address) and (bool(proxy) or any(o["bootFile"] for o in address))


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
sock.bind(("0.0.0.0", 68))
sock.sendto(packet(1), ("255.255.255.255", 67))
offers = receive(sock, time.time() + wait, 2, offers_complete)
result = {"offers": offers, "ack": None, "bootServerAck": None}

address_offer = next((o for o in offers if o["yiaddr"] != "0.0.0.0"), None)
proxy_offer = next((o for o in offers if o["yiaddr"] == "0.0.0.0" and o["vendorClass"] == "PXEClient"), None)
if address_offer:
    server = socket.inet_aton(address_offer["serverId"])
    sock.sendto(packet(3, extra=opt(50, socket.inet_aton(address_offer["yiaddr"])) + opt(54, server)),
                ("255.255.255.255", 67))
    acks = receive(sock, time.time() + wait, 5, lambda found: True)
    result["ack"] = acks[0] if acks else None
if proxy_offer and result["ack"]:
    client_ip = result["ack"]["yiaddr"]
    added = subprocess.run(["ip", "addr", "add", client_ip + "/24", "dev", iface], capture_output=True, text=True)
    # An address kept from an earlier probe of this host is fine; any other failure is the test's.
    if added.returncode != 0 and "File exists" not in added.stderr and "already assigned" not in added.stderr:
        sys.exit("ip addr add %s failed: %s" % (client_ip, added.stderr.strip()))
    time.sleep(0.2)
    item = b""
    if proxy_offer["menuItem"] is not None:
        item = opt(43, opt(71, struct.pack("!HH", proxy_offer["menuItem"], 0)))
    target = proxy_offer["serverId"] or proxy_offer["siaddr"]
    sock.sendto(packet(3, ciaddr=client_ip, extra=item), (target, 4011))
    acks = receive(sock, time.time() + wait, 5, lambda found: True)
    result["bootServerAck"] = acks[0] if acks else None
print(json.dumps(result))
