import { describe, expect, it } from "vitest";
import { serialReport } from "./serial-report";

// The parser of the stand-in's serial output (scripts/lab/stand-in-init.sh), on text shaped like
// QEMU's serial file: CR LF line ends and firmware noise around the stand-in's lines.
const config = "version: v1alpha1\nmachine:\n  network:\n    hostname: lab-bios\n";
const base64Lines = (Buffer.from(config).toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
const booted = [
  "\u001b[2JSeaBIOS (version 1.16.2)",
  "ktizo-lab: stand-in booted: 6.1.0-50-cloud-amd64",
  "ktizo-lab: nic eth0 02:aa:bb:cc:dd:ee",
  "ktizo-lab: address 10.1.2.21/24",
  "ktizo-lab: config downloaded: sha256 " + "ab".repeat(32) + " bytes 60",
  "ktizo-lab: config base64 begin",
  base64Lines,
  "ktizo-lab: config base64 end",
  "ktizo-lab: powering off",
].join("\r\n");
const failed = ["ktizo-lab: nic eth0 02:aa:bb:cc:dd:ee", "ktizo-lab: address ", "ktizo-lab: config download FAILED"].join("\r\n");

describe("serialReport", () => {
  it.each([
    ["a successful boot", booted, { nicMac: "02:aa:bb:cc:dd:ee", address: "10.1.2.21/24", sha256: "ab".repeat(32), configFailed: false }, config],
    ["a failed download", failed, { nicMac: "02:aa:bb:cc:dd:ee", address: null, sha256: null, configFailed: true }, null],
    ["firmware output only", "SeaBIOS\r\niPXE starting\r\n", { nicMac: null, address: null, sha256: null, configFailed: false }, null],
  ])("reads %s", (_label, serial, expected, expectedConfig) => {
    const report = serialReport(serial);
    expect(report).toMatchObject(expected);
    expect(report.config?.toString("utf8") ?? null).toBe(expectedConfig);
  });
});
