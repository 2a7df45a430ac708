// The Overview's guided start: what a new installation still needs, in the order an admin does it,
// each step linking to the page where it is done.
export type SetupFacts = {
  clusterConfigured: boolean;
  secretsGenerated: boolean;
  configGenerated: boolean;
  networkApplied: boolean;
  // The worker reports dnsmasq running the applied config.
  dnsmasqRunningApplied: boolean;
  talosVersion: string | null;
  // "local": only files on disk are served; "factory": missing files are pulled through.
  assetSource: "local" | "factory" | null;
  // Kernel and initramfs for amd64 of talosVersion are on disk.
  assetsOnDisk: boolean;
  devicesSeen: number;
};

export type SetupStep = { key: string; label: string; done: boolean; detail: string; href: string };

export const setupChecklist = (facts: SetupFacts): SetupStep[] => {
  const version = facts.talosVersion ?? "the configured version";
  const assetsReady = facts.assetsOnDisk || facts.assetSource === "factory";

  return [
    { key: "cluster", label: "Cluster configured", done: facts.clusterConfigured, detail: "name, endpoint and versions", href: "/cluster" },
    { key: "secrets", label: "Cluster secrets generated", done: facts.secretsGenerated, detail: "CAs and tokens, encrypted at rest", href: "/cluster" },
    { key: "config", label: "Machine configuration generated", done: facts.configGenerated, detail: "control plane and worker base configs", href: "/cluster" },
    {
      key: "network",
      label: "Network applied and dnsmasq running",
      done: facts.networkApplied && facts.dnsmasqRunningApplied,
      detail: !facts.networkApplied ? "save and apply the network settings" : facts.dnsmasqRunningApplied ? "dnsmasq runs the applied config" : "applied, but dnsmasq is not running it: see the worker card",
      href: "/network",
    },
    {
      key: "assets",
      label: `Boot assets for Talos ${version}`,
      done: facts.talosVersion !== null && assetsReady,
      detail: facts.assetsOnDisk ? "kernel and initramfs on disk" : facts.assetSource === "factory" ? "pulled from the Image Factory on first boot" : "import the kernel and initramfs, or use the Image Factory",
      href: "/network",
    },
    { key: "machine", label: "First machine seen", done: facts.devicesSeen > 0, detail: "PXE-boot a machine on the provisioning network", href: "/devices" },
  ];
};
