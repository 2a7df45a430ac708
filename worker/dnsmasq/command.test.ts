import { describe, expect, it } from "vitest";
import { runArgv, testArgv } from "@/worker/dnsmasq/command";

describe("testArgv", () => {
  it.each([
    [{ command: "dnsmasq", prefix: [] }, { file: "dnsmasq", args: ["--test", "--conf-file=/c/d.conf"] }],
    [
      { command: "/usr/sbin/dnsmasq", prefix: ["ip", "netns", "exec", "lab"] },
      { file: "ip", args: ["netns", "exec", "lab", "/usr/sbin/dnsmasq", "--test", "--conf-file=/c/d.conf"] },
    ],
  ])("%j", (binary, expected) => {
    expect(testArgv(binary, "/c/d.conf")).toEqual(expected);
  });
});

describe("runArgv", () => {
  it("keeps dnsmasq in the foreground with a pid file and logs to stderr", () => {
    expect(runArgv({ command: "dnsmasq", prefix: [] }, "/c/d.conf", "/d/p.pid")).toEqual({
      file: "dnsmasq",
      args: ["--keep-in-foreground", "--conf-file=/c/d.conf", "--pid-file=/d/p.pid", "--log-facility=-"],
    });
  });

  it("never uses --no-daemon (debug mode: no pid file, no privilege drop)", () => {
    expect(runArgv({ command: "dnsmasq", prefix: [] }, "/c", "/p").args).not.toContain("--no-daemon");
  });
});
