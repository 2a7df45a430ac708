import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, writeSync, closeSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { paths } from "@/lib/paths";
import { startBare } from "./lib/app-server";
import { startNginx } from "./lib/nginx";
import { memoryOf, type Started } from "./lib/processes";
import { ratio, writeResult } from "./lib/report";

// Asset streaming: a 200 MB initramfs through /api/v1/assets/talos/... with 16 parallel
// clients, against bare node:http + fs.createReadStream (and nginx with sendfile when installed).
const sizeMb = 200;
const clients = 16;
const talosVersion = "v1.11.6";
const fileName = "initramfs-amd64.xz";

const writeAsset = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, "w");
  const chunk = randomBytes(8 * 1024 * 1024);
  for (let written = 0; written < sizeMb; written += 8) writeSync(fd, chunk);
  closeSync(fd);
};

// Each client downloads the file again and again until the time is up; bytes are counted as they
// arrive (a download cut by the deadline still counts what it received).
const stream = (url: string, durationS: number): Promise<{ mbps: number; bytes: number; completed: number; errors: number }> =>
  new Promise((resolve) => {
    const deadline = Date.now() + durationS * 1000;
    let bytes = 0;
    let completed = 0;
    let errors = 0;
    let running = clients;
    const started = Date.now();
    const loop = () => {
      if (Date.now() >= deadline) {
        running -= 1;
        if (running === 0) resolve({ mbps: Math.round(bytes / 1e6 / ((Date.now() - started) / 1000)), bytes, completed, errors });

        return;
      }
      const req = get(url, (res) => {
        if (res.statusCode !== 200) errors += 1;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (Date.now() >= deadline) req.destroy();
        });
        res.on("end", () => {
          completed += 1;
          loop();
        });
        res.on("close", () => (res.complete ? undefined : loop()));
      });
      req.on("error", () => undefined);
    };
    for (let index = 0; index < clients; index += 1) loop();
  });

const sampleRss = (pid: number) => {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(memoryOf(pid).rssMb), 100);

  return { stop: () => (clearInterval(timer), Math.max(...samples, 0)) };
};

export const assetStreaming = async ({ app, root, durationS }: { app: Started; root: string; durationS: number }) => {
  const dir = path.join(paths().assetsDir, talosVersion);
  const file = path.join(dir, fileName);
  writeAsset(file);
  const assetPath = `/api/v1/assets/talos/${talosVersion}/${fileName}`;
  const probe = await fetch(`${app.url}${assetPath}`, { headers: { range: "bytes=0-0" } });
  await probe.arrayBuffer();
  if (probe.status !== 206 || probe.headers.get("content-range") !== `bytes 0-0/${sizeMb * 1024 * 1024}`) throw new Error(`asset route answered ${probe.status}, ${probe.headers.get("content-range")}`);

  const bare = await startBare("bare-stream.mjs", [file]);
  const bareResult = await stream(`${bare.url}/`, durationS);
  await bare.stop();
  const nginx = await startNginx(root, dir);
  const nginxResult = nginx ? await stream(`${nginx.url}/${fileName}`, durationS) : null;
  await nginx?.stop();

  const rssBefore = memoryOf(app.child.pid!).rssMb;
  const sampler = sampleRss(app.child.pid!);
  const appResult = await stream(`${app.url}${assetPath}`, durationS);
  const peakRssMb = sampler.stop();
  const nodeRatio = ratio(appResult.mbps, bareResult.mbps);

  writeResult("asset-streaming", {
    setup: { fileMb: sizeMb, clients, durationS, route: assetPath },
    app: { ...appResult, rssBeforeMb: rssBefore, peakRssMb },
    bareNode: bareResult,
    nginx: nginxResult ?? "not installed",
    ratioToNode: nodeRatio,
    ratioToNginx: nginxResult ? ratio(appResult.mbps, nginxResult.mbps) : null,
    checks: [
      { name: "throughput vs bare node:http + createReadStream", target: ">= 0.8x", value: `${appResult.mbps} vs ${bareResult.mbps} MB/s = ${nodeRatio}x`, pass: nodeRatio >= 0.8 },
      ...(nginxResult ? [{ name: "throughput vs nginx sendfile (info)", target: "reported", value: `${appResult.mbps} vs ${nginxResult.mbps} MB/s = ${ratio(appResult.mbps, nginxResult.mbps)}x`, pass: true }] : []),
      { name: "server RSS while streaming", target: "flat (no growth with file size)", value: `${rssBefore} MB before, ${peakRssMb} MB peak`, pass: peakRssMb - rssBefore < 100 },
      { name: "errors", target: "0", value: appResult.errors, pass: appResult.errors === 0 },
    ],
  });
};
