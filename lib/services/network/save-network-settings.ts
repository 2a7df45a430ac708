import { assertIpxeBinaryExists } from "@/lib/compile/ipxe-binary";
import { inTransaction } from "@/lib/data/db";
import { findNetworkSettings, findNetworkSettingsById, insertNetworkSettings, writeNetworkSettings } from "@/lib/data/network-settings";
import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { networkSettingsSchema, type NetworkSettingsInput, type NetworkSettingsJson, type UpdateNetworkSettingsInput } from "@/lib/schemas/network";
import { networkWarnings } from "@/lib/domain/dnsmasq/suggest-network";
import { checkRangeAgainstReservations } from "./check-range-against-reservations";
import { listHostInterfaces } from "./list-host-interfaces";

// Fields that name a file on this host must name one that exists in its fixed directory
// (docs/security.md, "Admin fields and host files"); Apply checks again before copying.
const checkHostFiles = async (input: NetworkSettingsInput): Promise<void> => {
  if (input.arm64Binary) await assertIpxeBinaryExists({ field: "arm64Binary", name: input.arm64Binary });
};

type SaveContext = { actor: Actor; sourceIp?: string | null };

// POST: the first (and only) row. Saving never touches compiled/: that is Apply's job, so an
// admin can review the rendered preview first.
export const createNetworkSettings = async (body: unknown, { actor, sourceIp = null }: SaveContext): Promise<NetworkSettingsJson> => {
  const input = networkSettingsSchema.parse(body);
  await checkRangeAgainstReservations(input);
  await checkHostFiles(input);

  return inTransaction(async (tx) => {
    if (await findNetworkSettings(tx)) {
      throw new AppError("conflict", "network settings already exist: update them with PUT /api/v1/network/settings/{id}");
    }
    const created = await insertNetworkSettings({ input, db: tx });
    await recordEvent({ type: "network.settings_saved", actor, sourceIp, details: { id: created.id, created: true } }, tx);

    return created;
  });
};

export type UpdateNetworkSettingsOptions = SaveContext & { id: string; changes: UpdateNetworkSettingsInput };

// PUT: the changes are merged over the stored values and the whole is validated again, so the
// cross-field rules (range inside the subnet, ...) hold after every partial update.
export const updateNetworkSettings = async ({ id, changes, actor, sourceIp = null }: UpdateNetworkSettingsOptions): Promise<NetworkSettingsJson> => {
  return inTransaction(async (tx) => {
    const current = await findNetworkSettingsById({ id, db: tx });
    if (!current) throw new AppError("not_found", "network settings not found");
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const input = networkSettingsSchema.parse({ ...current.input, ...defined });
    await checkRangeAgainstReservations(input, tx);
    await checkHostFiles(input);
    const updated = await writeNetworkSettings({ id, input, db: tx });
    await recordEvent({ type: "network.settings_saved", actor, sourceIp, details: { id, fields: Object.keys(defined) } }, tx);

    return updated;
  });
};

// The form saves the whole object: create it the first time, replace it afterwards. The answer
// carries what the host says about it (absent interface, server IP not on it) for the admin to see.
export const saveNetworkSettings = async (body: unknown, context: SaveContext): Promise<NetworkSettingsJson & { warnings: string[] }> => {
  const current = await findNetworkSettings();
  const saved = current ? await updateNetworkSettings({ id: current.json.id, changes: networkSettingsSchema.parse(body), ...context }) : await createNetworkSettings(body, context);

  return { ...saved, warnings: networkWarnings({ settings: saved, interfaces: listHostInterfaces() }) };
};
