import { prisma } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { parseSecretsYaml } from "@/lib/domain/talos/secrets-yaml";
import type { SecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { clusterSettingsSchema } from "@/lib/schemas/cluster";
import { createClusterSettings, generateClusterConfig, generateClusterSecrets } from "@/lib/services/cluster";

const actor = { type: "system" } as const;

// A cluster made the way an admin makes one: settings, generated secrets, generated configs
// (so the talosconfig ktizo uses is the real one). Returns the bundle for issuing test certs.
export const createClusterWithSecrets = async ({ endpoint = "https://10.42.0.10:6443", name = "lab" } = {}): Promise<SecretsBundle> => {
  await createClusterSettings({ input: clusterSettingsSchema.parse({ name, endpoint, cniName: "none" }), actor });
  await generateClusterSecrets({ force: false, actor });
  await generateClusterConfig({ actor });
  const row = await prisma.clusterSettings.findFirstOrThrow();
  const parsed = parseSecretsYaml(await decryptSecret("cluster.secrets", row.secretsEnc ?? ""));
  if (!parsed.ok) throw new Error("bad bundle");

  return parsed.bundle;
};

type ProvisionedDeviceOptions = { mac: string; ip: string; hostname: string; role: "controlplane" | "worker"; provisionedAt?: Date | null };

export const createProvisionedDevice = ({ mac, ip, hostname, role, provisionedAt = new Date() }: ProvisionedDeviceOptions) =>
  prisma.device.create({
    data: { mac, ipAddress: ip, hostname, role, status: "approved", approvedAt: new Date(), provisionedAt, configDownloadedAt: provisionedAt },
  });
