import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { reservationFileName, reservationLine } from "@/lib/domain/dnsmasq/reservation";
import { paths } from "@/lib/paths";

export type ReservationDevice = { mac: string; ipAddress: string | null; hostname: string | null; status: string };

const fileOf = (mac: string): string => path.join(paths().hostsDir, reservationFileName(mac));

const readOrNull = (file: string): Promise<string | null> => readFile(file, "utf8").catch(() => null);

// dnsmasq reads new and changed dhcp-hostsdir files live (inotify) and then serves the new record,
// but it only ever ADDS records that way: a deleted file's host stays in effect, and a changed file's
// old record stays in memory, until SIGHUP (dnsmasq(8); checked with dnsmasq 2.90 in netns). So a
// new reservation is just a file, and a changed or removed one also sends SIGHUP to the running
// dnsmasq (pid file written by the worker). SIGHUP re-reads the hosts dir, not the main config.
const reloadHosts = async (): Promise<void> => {
  const raw = await readOrNull(paths().dnsmasqPidFile);
  const pid = Number(raw?.trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, "SIGHUP");
  } catch {
    // No dnsmasq running (stale pid file): the next start reads the directory as it is.
  }
};

// Approved with a static IP → one "mac,ip,hostname" file; anything else → no file.
export const syncDeviceReservation = async (device: ReservationDevice): Promise<void> => {
  if (device.status !== "approved" || !device.ipAddress) {
    await removeDeviceReservation(device.mac);

    return;
  }
  const file = fileOf(device.mac);
  const line = reservationLine({ mac: device.mac, ipAddress: device.ipAddress, hostname: device.hostname });
  const previous = await readOrNull(file);
  if (previous === line) return;
  await writeFileAtomic(file, line, { mode: 0o644 });
  if (previous !== null) await reloadHosts();
};

export const removeDeviceReservation = async (mac: string): Promise<void> => {
  const file = fileOf(mac);
  if ((await readOrNull(file)) === null) return;
  await rm(file, { force: true });
  await reloadHosts();
};
