import { assertIpxeBinaryExists } from "@/lib/compile/ipxe-binary";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordEvent } from "@/lib/events/record-event";
import { networkSettingsSchema, type NetworkSettingsInput, type NetworkSettingsJson, type UpdateNetworkSettingsInput } from "@/lib/schemas/network";
import { networkWarnings } from "@/lib/domain/dnsmasq/suggest-network";
import { checkRangeAgainstReservations } from "./check-range-against-reservations";
import { listHostInterfaces } from "./list-host-interfaces";
import { findNetworkSettingsRow } from "./get-network-settings";
import { networkSettingsData, networkSettingsInputOf, networkSettingsJson } from "./network-settings-json";

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
  const row = await prisma.$transaction(async (tx) => {
    if (await tx.networkSettings.findFirst({ select: { id: true } })) {
      throw new AppError("conflict", "network settings already exist: update them with PUT /api/v1/network/settings/{id}");
    }
    const created = await tx.networkSettings.create({ data: networkSettingsData(input) });
    await recordEvent({ type: "network.settings_saved", actor, sourceIp, details: { id: created.id, created: true } }, tx);

    return created;
  });

  return networkSettingsJson(row);
};

export type UpdateNetworkSettingsOptions = SaveContext & { id: string; changes: UpdateNetworkSettingsInput };

// PUT: the changes are merged over the stored values and the whole is validated again, so the
// cross-field rules (range inside the subnet, ...) hold after every partial update.
export const updateNetworkSettings = async ({ id, changes, actor, sourceIp = null }: UpdateNetworkSettingsOptions): Promise<NetworkSettingsJson> => {
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.networkSettings.findUnique({ where: { id } });
    if (!current) throw new AppError("not_found", "network settings not found");
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const input = networkSettingsSchema.parse({ ...networkSettingsInputOf(current), ...defined });
    await checkRangeAgainstReservations(input, tx);
    await checkHostFiles(input);
    const updated = await tx.networkSettings.update({ where: { id }, data: networkSettingsData(input) });
    await recordEvent({ type: "network.settings_saved", actor, sourceIp, details: { id, fields: Object.keys(defined) } }, tx);

    return updated;
  });

  return networkSettingsJson(row);
};

// The form saves the whole object: create it the first time, replace it afterwards. The answer
// carries what the host says about it (absent interface, server IP not on it) for the admin to see.
export const saveNetworkSettings = async (body: unknown, context: SaveContext): Promise<NetworkSettingsJson & { warnings: string[] }> => {
  const current = await findNetworkSettingsRow();
  const saved = current ? await updateNetworkSettings({ id: current.id, changes: networkSettingsSchema.parse(body), ...context }) : await createNetworkSettings(body, context);

  return { ...saved, warnings: networkWarnings({ settings: saved, interfaces: listHostInterfaces() }) };
};
