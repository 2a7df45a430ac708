import { describe, expect, it } from "vitest";
import { POST as generateConfig } from "@/app/api/v1/cluster/config/generate/route";
import { clusterSettingsSchema } from "@/lib/schemas/cluster";
import { createClusterSettings } from "@/lib/services/cluster";
import { generateClusterSecrets } from "@/lib/services/cluster";
import { adminHeaders, createAdminToken } from "@/tests/helpers/admin";

process.env.KTIZO_TALOSCTL = "/nonexistent/talosctl";

describe("config generation with a missing talosctl", () => {
  it("answers 503 with a clear reason and stores nothing", async () => {
    const token = await createAdminToken();
    await createClusterSettings({ input: clusterSettingsSchema.parse({ name: "x", endpoint: "https://10.1.1.1:6443" }), actor: { type: "system" } });
    await generateClusterSecrets({ force: false, actor: { type: "system" } });
    const res = await generateConfig(
      new Request("http://ktizo.test/api/v1/cluster/config/generate", { method: "POST", headers: adminHeaders(token), body: '{"generator":"talosctl"}' }),
      { params: Promise.resolve({}) } as never,
    );
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toMatch(/talosctl is not available: KTIZO_TALOSCTL=\/nonexistent\/talosctl is not an executable file/);
  });
});
