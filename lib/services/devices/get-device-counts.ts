import { countDevices, type DeviceCounts } from "@/lib/data/devices";

export type { DeviceCounts };

// How many devices are in each state (the Overview and Devices pages).
export const getDeviceCounts = (): Promise<DeviceCounts> => countDevices();
