import { readBootSettingsRow, readSealedBaseConfigs } from "@/lib/data/boot-settings";
import { decryptSecret } from "@/lib/crypto/secrets-at-rest";
import { AppError } from "@/lib/domain/errors";
import { parseConfigDocuments, type ConfigDocument } from "@/lib/domain/talos/config-documents";
import { parseGroupPatch } from "@/lib/domain/talos/render-device-config";

export type BaseDocuments = { controlplane: ConfigDocument[]; worker: ConfigDocument[] };

// The decrypted role base configs, parsed, kept in this process's memory only (never written to
// disk or a log) and re-read only when the sealed configs in the database change: the settings row
// carries their fingerprint (lib/data/boot-settings.ts), checked against the database's change
// counter on each request. Frozen: every render copies what it changes, none may edit the cache.
type Held = { fingerprint: string; documents: Promise<BaseDocuments> };
const globalForBase = globalThis as unknown as { ktizoBaseConfigs?: { held: Held | null; loads: number } };
const cache = (globalForBase.ktizoBaseConfigs ??= { held: null, loads: 0 });

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }

  return value;
};

const notGenerated = () => new AppError("not_ready", "cluster configuration has not been generated yet");

const load = async (): Promise<BaseDocuments> => {
  const sealed = readSealedBaseConfigs();
  if (!sealed?.controlPlaneConfigEnc || !sealed.workerConfigEnc || !sealed.generatedAt) throw notGenerated();
  cache.loads += 1;
  const [controlplane, worker] = await Promise.all([
    decryptSecret("cluster.controlplane", sealed.controlPlaneConfigEnc),
    decryptSecret("cluster.worker", sealed.workerConfigEnc),
  ]);

  return deepFreeze({ controlplane: parseConfigDocuments(controlplane), worker: parseConfigDocuments(worker) });
};

// Concurrent first downloads share one decryption; a failed one is not kept (the next request retries).
export const cachedBaseDocuments = async (): Promise<BaseDocuments> => {
  const row = readBootSettingsRow();
  if (!row.configGenerated || !row.baseConfigFingerprint) throw notGenerated();
  if (cache.held?.fingerprint === row.baseConfigFingerprint) return cache.held.documents;
  const loading = load();
  const held: Held = { fingerprint: row.baseConfigFingerprint, documents: loading };
  cache.held = held;
  loading.catch(() => {
    if (cache.held === held) cache.held = null;
  });

  return loading;
};

// How often the base configs were decrypted in this process (tests: a request with nothing changed decrypts nothing).
export const baseConfigLoads = (): number => cache.loads;

// Group patches parsed once per text (a handful of groups), bounded.
const maxPatches = 256;
const patches = new Map<string, ConfigDocument[]>();

export const cachedGroupPatch = (text: string | null | undefined): ConfigDocument[] => {
  const key = text ?? "";
  let documents = patches.get(key);
  if (!documents) {
    documents = deepFreeze(parseGroupPatch(key));
    if (patches.size >= maxPatches) patches.delete(patches.keys().next().value!);
    patches.set(key, documents);
  }

  return documents;
};
