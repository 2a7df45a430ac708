import path from "node:path";
import { freePort, startProcess, type Started } from "./processes";

const repo = path.resolve(import.meta.dirname, "../..");

// The production build, started the way `npm start` starts the web process.
export const startApp = async (env: Record<string, string>): Promise<Started> =>
  startProcess(["--import", "tsx", path.join(repo, "scripts/web-server.ts")], env, await freePort(), "/api/health");

export const startBare = async (script: "bare-bytes.mjs" | "bare-stream.mjs", args: string[]): Promise<Started> =>
  startProcess([path.join(import.meta.dirname, "../servers", script), ...args], {}, await freePort(), "/");
