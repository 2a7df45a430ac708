import { encryptSecret } from "@/lib/crypto/secrets-at-rest";
import { prisma } from "@/lib/db/client";
import { talosDefaults } from "@/lib/domain/talos/cluster-input";
import { generateClusterConfigs } from "@/lib/domain/talos/generate-cluster-configs";
import { generateSecretsBundle } from "@/lib/domain/talos/secrets-bundle";

// A cluster settings row with really generated, encrypted base configs (issue 3's generator),
// so boot-chain tests serve the same YAML a machine would get.
export const seedGeneratedCluster = async ({ endpoint = "https://10.42.0.10:6443" }: { endpoint?: string } = {}) => {
  const bundle = await generateSecretsBundle();
  const configs = await generateClusterConfigs({
    input: {
      clusterName: "lab",
      endpoint,
      kubernetesVersion: talosDefaults.kubernetesVersion,
      installDisk: talosDefaults.installDisk,
      installImage: talosDefaults.installImage,
      podSubnets: [...talosDefaults.podSubnets],
      serviceSubnets: [...talosDefaults.serviceSubnets],
      cniName: "flannel",
      cniUrls: [],
      dnsDomain: talosDefaults.dnsDomain,
      additionalSans: [],
      allowSchedulingOnControlPlanes: false,
    },
    patches: { configPatch: "", controlPlanePatch: "", workerPatch: "" },
    bundle,
  });
  const [controlPlaneConfigEnc, workerConfigEnc] = await Promise.all([
    encryptSecret("cluster.controlplane", configs.controlplane),
    encryptSecret("cluster.worker", configs.worker),
  ]);

  return prisma.clusterSettings.create({
    data: { name: "lab", endpoint, generatedAt: new Date(), controlPlaneConfigEnc, workerConfigEnc },
  });
};
