import { seedNetworkSettings } from "../../tests/helpers/boot-fixtures";
import { seedGeneratedCluster } from "../../tests/helpers/seed-cluster-config";

// Network settings and a really generated cluster config (the same helpers the integration tests
// use), so machines get real Talos scripts and real machine configs.
export const seedBaseSettings = async (): Promise<void> => {
  await seedNetworkSettings({ pendingHoldSeconds: 0 });
  await seedGeneratedCluster();
};
