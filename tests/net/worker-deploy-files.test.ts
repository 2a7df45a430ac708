import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import packageJson from "@/package.json";
import { workerArgv } from "@/tests/net/worker-harness";

// There is no Docker engine here, so the deployment files are checked by reading them: the
// containers must run the same commands the tests run, with the same paths on both sides.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Service = {
  command: string[];
  user?: string;
  network_mode?: string;
  cap_add?: string[];
  environment: Record<string, string>;
  volumes: string[];
  build: { target: string };
};
const compose = parse(read("docker-compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const web = compose.services.web as Service;
const dnsmasq = compose.services.dnsmasq as Service;
const dockerfile = read("Dockerfile");

describe("docker-compose.yaml and Dockerfile", () => {
  it("runs the worker exactly as `npm run worker` and the network tests do", () => {
    expect(dnsmasq.command.join(" ")).toBe(packageJson.scripts.worker);
    expect(workerArgv().slice(1).join(" ")).toBe(packageJson.scripts.worker.split(" ").slice(1).join(" "));
  });

  it("runs the web app as the e2e server and npm start do (migrate, then scripts/web-server.ts)", () => {
    const e2e = read("scripts/e2e-server.sh");
    const webCommand = web.command.at(-1) ?? "";

    expect(webCommand).toBe("node --import tsx scripts/migrate.ts && exec node --import tsx scripts/web-server.ts");
    expect(e2e).toContain("node --import tsx scripts/migrate.ts");
    expect(e2e).toContain("exec node --import tsx scripts/web-server.ts");
    expect(read("scripts/run-all.ts")).toContain('"node --import tsx scripts/web-server.ts"');
    expect(dockerfile).toContain(`CMD ${JSON.stringify(web.command)}`.replaceAll(",", ", "));
  });

  it("gives dnsmasq the host network and NET_ADMIN, as root", () => {
    expect(dnsmasq).toMatchObject({ network_mode: "host", cap_add: ["NET_ADMIN"], user: "root" });
  });

  it("shares data/ and compiled/ at the same paths in both containers", () => {
    expect(web.volumes).toEqual(dnsmasq.volumes);
    for (const name of ["KTIZO_DATA_DIR", "KTIZO_COMPILED_DIR", "DATABASE_URL"]) {
      expect(web.environment[name]).toBe(dnsmasq.environment[name]);
    }
    const mounts = web.volumes.map((volume) => volume.split(":")[1]);
    expect(mounts).toEqual([web.environment.KTIZO_DATA_DIR, web.environment.KTIZO_COMPILED_DIR]);
  });

  it("builds on Debian's Node 20 with dnsmasq and iPXE from Debian", () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS base$/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends dnsmasq-base ipxe/);
    expect(web.build.target).toBe("runtime");
    expect(dockerfile).toMatch(/^FROM base AS runtime$/m);
  });
});
