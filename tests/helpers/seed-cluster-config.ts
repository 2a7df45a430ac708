import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { generateClusterConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";
import { noPatches, sampleInput } from "@/lib/domain/talos/testing/sample-input";
import { clusterListColumns } from "@/tests/helpers/cluster-row";

// A cluster settings row with really generated, encrypted base configs (issue 3's generator),
// so boot-chain tests serve the same YAML a machine would get.
export const seedGeneratedCluster = async ({ endpoint = "https://10.42.0.10:6443" }: { endpoint?: string } = {}) => {
  const bundle = await generateSecretsBundle();
  const configs = await generateClusterConfigs({
    input: sampleInput({ clusterName: "lab", endpoint }),
    patches: noPatches,
    bundle,
  });
  const [controlPlaneConfigEnc, workerConfigEnc] = await Promise.all([
    encryptSecret("cluster.controlplane", configs.controlplane),
    encryptSecret("cluster.worker", configs.worker),
  ]);

  return prisma.clusterSettings.create({
    data: { name: "lab", endpoint, generatedAt: new Date(), controlPlaneConfigEnc, workerConfigEnc, ...clusterListColumns },
  });
};
