import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { makeOpenDirectory } from "@/lib/compile/make-open-directory";
import { writeFileAtomic } from "@/lib/compile/write-file-atomic";
import { reservationFileName, reservationLine } from "@/lib/domain/dnsmasq/reservation";
import { paths } from "@/lib/paths";

export type ReservationDevice = { mac: string; ipAddress: string | null; hostname: string | null; status: string };

const fileOf = (mac: string): string => path.join(paths().hostsDir, reservationFileName(mac));

const readOrNull = (file: string): Promise<string | null> => readFile(file, "utf8").catch(() => null);

// dnsmasq reads new and changed dhcp-hostsdir files live (inotify), but only ever ADDS records that
// way: a changed or removed file's old record stays until SIGHUP (dnsmasq(8)). The web process only
// writes and removes files; the worker, which owns dnsmasq, watches hosts.d and sends the SIGHUP
// (docs/network.md). The web process cannot reach dnsmasq when they run in separate containers.

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
  await makeOpenDirectory(paths().hostsDir);
  await writeFileAtomic(file, line, { mode: 0o644 });
};

export const removeDeviceReservation = async (mac: string): Promise<void> => {
  const file = fileOf(mac);
  if ((await readOrNull(file)) === null) return;
  await rm(file, { force: true });
};
