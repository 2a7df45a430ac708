import { prisma } from "@/lib/db/client";
import type { ClusterSettings } from "@/lib/generated/prisma/client";
import type { ClusterSettingsInput, ClusterSettingsJson } from "@/lib/schemas/cluster";
import { approvalProofColumn, approvalProofOf, listColumn } from "./columns";
import type { Db } from "./db";

// The AES-256-GCM envelopes stored next to the settings (lib/crypto); they never reach JSON answers.
export type SealedClusterData = {
  secretsEnc: string | null;
  controlPlaneConfigEnc: string | null;
  workerConfigEnc: string | null;
  talosconfigEnc: string | null;
};
export type ClusterSettingsRecord = { settings: ClusterSettingsJson; sealed: SealedClusterData; generatedAt: Date | null };

const settingsOf = (row: ClusterSettings): ClusterSettingsJson => ({
  id: row.id,
  name: row.name,
  endpoint: row.endpoint,
  talosVersion: row.talosVersion,
  kubernetesVersion: row.kubernetesVersion,
  installDisk: row.installDisk,
  installImage: row.installImage,
  podSubnets: listColumn(row.podSubnets, "ClusterSettings.podSubnets"),
  serviceSubnets: listColumn(row.serviceSubnets, "ClusterSettings.serviceSubnets"),
  cniName: row.cniName as ClusterSettingsJson["cniName"],
  cniUrls: listColumn(row.cniUrls, "ClusterSettings.cniUrls"),
  dnsDomain: row.dnsDomain,
  additionalSans: listColumn(row.additionalSans, "ClusterSettings.additionalSans"),
  allowSchedulingOnControlPlanes: row.allowSchedulingOnControlPlanes,
  configPatch: row.configPatch,
  controlPlanePatch: row.controlPlanePatch,
  workerPatch: row.workerPatch,
  autoBootstrap: row.autoBootstrap,
  kubeconfigTtlHours: row.kubeconfigTtlHours,
  approvalProof: approvalProofOf(row.approvalProof),
  generator: row.generator,
  generatedAt: row.generatedAt?.toISOString() ?? null,
  secretsGeneratedAt: row.secretsGeneratedAt?.toISOString() ?? null,
});

const recordOf = (row: ClusterSettings): ClusterSettingsRecord => ({
  settings: settingsOf(row),
  sealed: { secretsEnc: row.secretsEnc, controlPlaneConfigEnc: row.controlPlaneConfigEnc, workerConfigEnc: row.workerConfigEnc, talosconfigEnc: row.talosconfigEnc },
  generatedAt: row.generatedAt,
});

// Settings input -> the columns that hold them (lists are Json columns, written as arrays).
const columnsOf = (input: ClusterSettingsInput) => ({ ...input, approvalProof: approvalProofColumn(input.approvalProof) });

// There is one ClusterSettings row (the oldest, should a race ever have made two).
export const findClusterSettings = async (db: Db = prisma): Promise<ClusterSettingsRecord | null> => {
  const row = await db.clusterSettings.findFirst({ orderBy: { createdAt: "asc" } });

  return row ? recordOf(row) : null;
};

export const findClusterSettingsById = async ({ id, db = prisma }: { id: string; db?: Db }): Promise<ClusterSettingsRecord | null> => {
  const row = await db.clusterSettings.findUnique({ where: { id } });

  return row ? recordOf(row) : null;
};

export const findClusterEndpoint = async (): Promise<string | null> => {
  const row = await prisma.clusterSettings.findFirst({ orderBy: { createdAt: "asc" }, select: { endpoint: true } });

  return row?.endpoint ?? null;
};

export const insertClusterSettings = async ({ input, db = prisma }: { input: ClusterSettingsInput; db?: Db }): Promise<ClusterSettingsJson> =>
  settingsOf(await db.clusterSettings.create({ data: columnsOf(input) }));

export const writeClusterSettings = async ({ id, input, db = prisma }: { id: string; input: ClusterSettingsInput; db?: Db }): Promise<ClusterSettingsJson> =>
  settingsOf(await db.clusterSettings.update({ where: { id }, data: columnsOf(input) }));

// New secrets drop the generated configs: those were signed by the old CAs.
export const storeClusterSecrets = async ({ id, secretsEnc, at, db = prisma }: { id: string; secretsEnc: string; at: Date; db?: Db }): Promise<void> => {
  await db.clusterSettings.update({
    where: { id },
    data: { secretsEnc, secretsGeneratedAt: at, controlPlaneConfigEnc: null, workerConfigEnc: null, talosconfigEnc: null, generatedAt: null },
  });
};

type StoreConfigsOptions = {
  id: string;
  // Only stored if the secrets are still the ones the configs were built from.
  builtFromSecretsEnc: string | null;
  configs: { controlPlaneConfigEnc: string; workerConfigEnc: string; talosconfigEnc: string };
  generator: ClusterSettingsJson["generator"];
  at: Date;
  db?: Db;
};

// false when the secrets changed in the meantime (nothing stored).
export const storeClusterConfigs = async ({ id, builtFromSecretsEnc, configs, generator, at, db = prisma }: StoreConfigsOptions): Promise<boolean> => {
  const { count } = await db.clusterSettings.updateMany({
    where: { id, secretsEnc: builtFromSecretsEnc },
    data: { ...configs, generator, generatedAt: at },
  });

  return count > 0;
};
