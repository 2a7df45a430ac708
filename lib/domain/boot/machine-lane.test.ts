import { describe, expect, it } from "vitest";
import { isMachineLaneRequest } from "./machine-lane";

describe("isMachineLaneRequest", () => {
  it.each([
    ["GET", "/boot.ipxe"],
    ["GET", "/api/v1/boot/ipxe?mac=52:54:00:12:34:56&uuid=x"],
    ["GET", "/api/v1/config/download?mac=52-54-00-12-34-56&token=t"],
    ["HEAD", "/api/v1/assets/talos/v1.11.6/vmlinuz-amd64"],
    ["GET", "/api/v1/assets/ipxe/ipxe.efi"],
  ])("%s %s goes through the machine lane", (method, url) => {
    expect(isMachineLaneRequest({ method, url })).toBe(true);
  });

  it.each([
    ["GET", "/"],
    ["GET", "/devices"],
    ["GET", "/api/v1/devices?status=pending"],
    ["GET", "/api/v1/devices/rack"],
    ["GET", "/api/v1/assets/imports"],
    ["GET", "/api/v1/boot/ipxe/extra"],
    ["GET", "/boot.ipxe.bak"],
    ["GET", "/api/v1/config/downloads"],
    ["POST", "/api/v1/config/download"],
    ["POST", "/api/v1/devices/register"],
    ["DELETE", "/api/v1/assets/talos/v1.11.6/vmlinuz-amd64"],
    [undefined, "/boot.ipxe"],
    ["GET", undefined],
  ])("%s %s goes straight to Next", (method, url) => {
    expect(isMachineLaneRequest({ method, url })).toBe(false);
  });
});
