import { describe, expect, it } from "vitest";
import { classifyFailure, type FailedRun } from "@/worker/dnsmasq/classify-failure";

const run = (patch: Partial<FailedRun>): FailedRun => ({ output: [], command: "dnsmasq", ...patch });

describe("classifyFailure", () => {
  it.each<[string, Partial<FailedRun>, "unavailable" | "rejected", RegExp]>([
    ["missing binary", { spawnCode: "ENOENT", command: "/opt/none/dnsmasq" }, "unavailable", /binary not found: \/opt\/none\/dnsmasq/],
    ["binary not executable", { spawnCode: "EACCES" }, "unavailable", /not executable/],
    ["no privilege for port 67", { exitCode: 2, output: ["", "dnsmasq: failed to bind DHCP server socket: Permission denied"] }, "unavailable", /missing privileges.*failed to bind DHCP server socket: Permission denied/],
    ["unknown interface", { exitCode: 2, output: ["", "dnsmasq: unknown interface eth9"] }, "rejected", /^dnsmasq exited with code 2: unknown interface eth9$/],
    ["syntax error", { exitCode: 1, output: ["dnsmasq: bad dhcp-range at line 3 of /x.conf"] }, "rejected", /bad dhcp-range at line 3/],
    ["tftp root missing", { exitCode: 3, output: ["dnsmasq[9]: TFTP directory /t inaccessible: No such file or directory", "dnsmasq[9]: FAILED to start up"] }, "rejected", /TFTP directory \/t inaccessible: No such file or directory$/],
    ["tftp root closed to nobody, the directory found", { exitCode: 3, output: ["dnsmasq: TFTP directory /root/k/compiled/tftp inaccessible: Permission denied"], tftpRootClosedAt: { path: "/root", mode: "0700" } }, "unavailable", /^dnsmasq cannot open its TFTP root as user nobody, which it runs as after start: user nobody cannot enter \/root \(mode 0700\); let others search it \(chmod o\+x \/root\)/],
    ["tftp root closed to nobody, no directory found", { exitCode: 3, output: ["dnsmasq: TFTP directory /t inaccessible: Permission denied"] }, "unavailable", /^dnsmasq cannot open its TFTP root as user nobody, which it runs as after start: every directory above it must be searchable by user nobody\. dnsmasq exited with code 3: TFTP directory \/t inaccessible: Permission denied$/],
    ["killed", { signal: "SIGKILL", output: ["dnsmasq[9]: started, version 2.90 DNS disabled"] }, "rejected", /^dnsmasq was killed by SIGKILL$/],
    ["no start line in time", { timedOut: true, signal: "SIGTERM" }, "rejected", /did not finish starting in time/],
  ])("%s", (_name, patch, kind, message) => {
    const failure = classifyFailure(run(patch));

    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
  });
});
