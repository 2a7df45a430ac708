import { approvalProofOfDevice } from "@/lib/data/approval-proof";
import { listRecentForDevice } from "@/lib/data/device-authorizations";
import type { ApprovalProof } from "@/lib/domain/oauth/approval-proof";
import type { DeviceCodeJson } from "@/lib/schemas/oauth";
import { deviceCodeJson } from "./device-code-json";

export type DeviceConsoleCodes = { proof: ApprovalProof; codes: DeviceCodeJson[] };

// The device page's console-code panel: the device's effective approval proof and its latest code requests.
export const getDeviceConsoleCodes = async ({ deviceId, take = 10 }: { deviceId: string; take?: number }): Promise<DeviceConsoleCodes> => {
  const [proof, rows] = await Promise.all([approvalProofOfDevice(deviceId), listRecentForDevice({ deviceId, take })]);

  return { proof, codes: rows.map(deviceCodeJson) };
};
