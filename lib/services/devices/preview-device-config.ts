import { redactConfig } from "@/lib/domain/talos/redact-config";
import { validateMachineConfig } from "@/lib/domain/talos/validate-machine-config";
import type { DeviceConfigPreview } from "@/lib/schemas/device";
import { buildDeviceConfig } from "@/lib/services/cluster";
import { getDeviceOrThrow } from "./get-device-or-throw";

export type { DeviceConfigPreview };

// What this device would download now, with every key, secret and token replaced by ***.
// Validation runs on the real config; only the redacted text leaves the server.
export const previewDeviceConfig = async (id: string): Promise<DeviceConfigPreview> => {
  const device = await getDeviceOrThrow(id);
  const yaml = await buildDeviceConfig(device);

  return { deviceId: device.id, role: device.role, yaml: redactConfig(yaml), validation: validateMachineConfig(yaml) };
};
