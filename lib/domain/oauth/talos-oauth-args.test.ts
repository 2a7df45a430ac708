import { describe, expect, it } from "vitest";
import { talosOauthKernelArgs } from "./talos-oauth-args";

describe("talosOauthKernelArgs", () => {
  it.each([
    ["http://10.0.0.1:8080", "http://10.0.0.1:8080"],
    ["http://10.0.0.1:8080/", "http://10.0.0.1:8080"],
  ])("names ktizo's endpoints with the PXE MAC (%s)", (httpBaseUrl, base) => {
    expect(talosOauthKernelArgs({ httpBaseUrl, mac: "52:54:00:aa:bb:cc" })).toEqual([
      "talos.config.oauth.client_id=ktizo",
      `talos.config.oauth.device_auth_url=${base}/api/v1/oauth/device?mac=52:54:00:aa:bb:cc`,
      `talos.config.oauth.token_url=${base}/api/v1/oauth/token`,
      "talos.config.oauth.extra_variable=uuid",
      "talos.config.oauth.extra_variable=serial",
      "talos.config.oauth.extra_variable=mac",
    ]);
  });
});
