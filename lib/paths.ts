import path from "node:path";

// Every filesystem location ktizo uses comes from here, so no other file builds a path by hand.
// The web app and the worker both call paths(); the roots can be moved with env vars
// so tests and containers can point them elsewhere.
export type Paths = {
  root: string;
  dataDir: string;
  secretKeyFile: string;
  assetsDir: string;
  assetCacheDir: string;
  assetPartialDir: string;
  workerStatusFile: string;
  dnsmasqCandidateConf: string;
  dnsmasqLastGoodConf: string;
  dnsmasqPidFile: string;
  templatesDir: string;
  compiledDir: string;
  dnsmasqDir: string;
  dnsmasqConf: string;
  hostsDir: string;
  tftpRoot: string;
  leaseFile: string;
  ipxeSourceDir: string;
  talosProtoDir: string;
};

export const paths = (source: NodeJS.ProcessEnv = process.env): Paths => {
  // Runtime locations, not build inputs: keep Turbopack from tracing the whole project through them.
  const root = path.resolve(/*turbopackIgnore: true*/ source.KTIZO_ROOT ?? process.cwd());
  const dataDir = path.resolve(root, source.KTIZO_DATA_DIR ?? "data");
  const compiledDir = path.resolve(root, source.KTIZO_COMPILED_DIR ?? "compiled");
  const dnsmasqDir = path.join(compiledDir, "dnsmasq");

  return {
    root,
    dataDir,
    secretKeyFile: path.join(dataDir, "secret.key"),
    // Imported or hand-placed boot assets: <version>/<file>.
    assetsDir: path.join(dataDir, "assets", "talos"),
    // Image Factory pull-through cache: <schematic>/<version>/<file> (another schematic is another file).
    assetCacheDir: path.join(dataDir, "assets", "factory"),
    // Interrupted imports, one file per (URL, target), resumed with Range.
    assetPartialDir: path.join(dataDir, "assets", "partial"),
    workerStatusFile: path.join(dataDir, "worker-status.json"),
    // The worker tests and runs a snapshot of the rendered config (so what ran is what was tested)
    // and keeps the last one that started, to fall back to when a new one fails.
    dnsmasqCandidateConf: path.join(dataDir, "dnsmasq.candidate.conf"),
    dnsmasqLastGoodConf: path.join(dataDir, "dnsmasq.last-good.conf"),
    dnsmasqPidFile: path.join(dataDir, "dnsmasq.pid"),
    templatesDir: path.resolve(root, source.KTIZO_TEMPLATES_DIR ?? "templates"),
    compiledDir,
    dnsmasqDir,
    dnsmasqConf: path.join(dnsmasqDir, "dnsmasq.conf"),
    hostsDir: path.join(dnsmasqDir, "hosts.d"),
    tftpRoot: path.join(compiledDir, "tftp"),
    leaseFile: path.join(dataDir, "dnsmasq.leases"),
    ipxeSourceDir: path.resolve(/*turbopackIgnore: true*/ source.KTIZO_IPXE_DIR ?? "/usr/lib/ipxe"),
    // The Talos API subset (machine.proto and its imports), read by the gRPC client at run time.
    talosProtoDir: path.join(root, "lib", "talos-api", "proto"),
  };
};
