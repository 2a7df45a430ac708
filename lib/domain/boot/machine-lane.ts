// Which requests a web process admits through its machine lane (docs/benchmarks.md, "Machine
// lane"): the bodiless requests iPXE and Talos make while a rack boots. The entry script, the
// per-device script, kernel/initramfs and iPXE binaries, the config download. Everything else
// (the dashboard, the admin API, a POST with a body) goes straight to Next.
//
// GET and HEAD only: such a request is complete once its head has arrived, so a slot is never held
// by a client that trickles a body. A machine POST (register, config download by POST) is rare,
// rate limited per source address, and keeps the way it had.
const machinePaths = ["/boot.ipxe", "/api/v1/boot/ipxe", "/api/v1/config/download"];
const machinePrefixes = ["/api/v1/assets/talos/", "/api/v1/assets/ipxe/"];

export const isMachineLaneRequest = ({ method, url }: { method?: string; url?: string }): boolean => {
  if (method !== "GET" && method !== "HEAD") return false;
  if (!url) return false;
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);

  return machinePaths.includes(pathname) || machinePrefixes.some((prefix) => pathname.startsWith(prefix));
};
