import { describe, expect, it } from "vitest";
import { deniedDirectoryIn } from "@/worker/dnsmasq/closed-directory";

describe("deniedDirectoryIn", () => {
  it("reads the directory out of dnsmasq's two permission lines", () => {
    expect(deniedDirectoryIn("dnsmasq[9]: TFTP directory /root/k/compiled/tftp inaccessible: Permission denied")).toEqual({ kind: "tftp-root", dir: "/root/k/compiled/tftp" });
    expect(deniedDirectoryIn("dnsmasq[9]: bad dynamic directory /root/k/compiled/dnsmasq/hosts.d: Permission denied")).toEqual({ kind: "hosts-dir", dir: "/root/k/compiled/dnsmasq/hosts.d" });
    expect(deniedDirectoryIn("dnsmasq[9]: TFTP directory /srv/a b inaccessible: Permission denied")).toEqual({ kind: "tftp-root", dir: "/srv/a b" });
  });

  it("takes the reservations line only as dnsmasq's own whole line, not inside a TFTP or DHCP line a machine's input reached", () => {
    expect(deniedDirectoryIn("dnsmasq: bad dynamic directory /k/hosts.d: Permission denied")).toEqual({ kind: "hosts-dir", dir: "/k/hosts.d" });
    expect(deniedDirectoryIn("dnsmasq-tftp[9]: file /k/tftp/bad dynamic directory /etc: Permission denied not found")).toBeUndefined();
    expect(deniedDirectoryIn("dnsmasq-dhcp[9]: client provides name: dnsmasq[9]: bad dynamic directory /etc: Permission denied")).toBeUndefined();
  });

  it("ignores other causes and relative paths", () => {
    expect(deniedDirectoryIn("dnsmasq[9]: TFTP directory /t inaccessible: No such file or directory")).toBeUndefined();
    expect(deniedDirectoryIn("dnsmasq[9]: failed to bind DHCP server socket: Permission denied")).toBeUndefined();
    expect(deniedDirectoryIn("dnsmasq[9]: bad dynamic directory hosts.d: Permission denied")).toBeUndefined();
  });
});
