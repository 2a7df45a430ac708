import { readdir } from "node:fs/promises";
import { removeDeviceReservation, syncDeviceReservation } from "@/lib/compile/device-reservation";
import { listReservedDevices } from "@/lib/data/devices";
import { paths } from "@/lib/paths";

// Makes hosts.d match the database: one file per approved device with a static IP, nothing else.
// Device changes write their own file at once (syncDeviceReservation); this catches up after a
// restore, a crash between a DB write and a file write, or files edited by hand. Runs on Apply.
export const reconcileReservations = async (): Promise<{ written: number; removed: number }> => {
  const devices = await listReservedDevices();
  for (const device of devices) await syncDeviceReservation(device);
  const wanted = new Set(devices.map((device) => device.mac.replace(/:/g, "")));
  const present = await readdir(paths().hostsDir).catch(() => [] as string[]);
  const stale = present.filter((name) => /^[0-9a-f]{12}$/.test(name) && !wanted.has(name));
  for (const name of stale) await removeDeviceReservation(name.match(/../g)!.join(":"));

  return { written: devices.length, removed: stale.length };
};
