// Where a machine is on its way from power-on to an installed node, from what ktizo has seen of it.
// The order is the order a machine moves through them (the rack grid's legend uses it).
export const deviceStages = ["pending", "rejected", "approved", "booting", "downloaded", "installed"] as const;
export type DeviceStage = (typeof deviceStages)[number];

export type StageFacts = {
  status: string;
  // A Talos script (with a one-use token) was served since approval.
  scriptServed: boolean;
  provisionedAt: Date | null;
  lastSeenAt: Date;
};

// A machine that PXE-boots again after its config download was told to boot from disk: Talos is
// installed. The margin keeps the download's own poll (same boot) from counting as a new boot.
const rebootMarginMs = 60_000;

export const deviceStage = ({ status, scriptServed, provisionedAt, lastSeenAt }: StageFacts): DeviceStage => {
  if (status === "rejected") return "rejected";
  if (status !== "approved") return "pending";
  if (provisionedAt) return lastSeenAt.getTime() - provisionedAt.getTime() > rebootMarginMs ? "installed" : "downloaded";

  return scriptServed ? "booting" : "approved";
};
