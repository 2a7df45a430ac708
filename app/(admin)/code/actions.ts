"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/principal";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { approveDeviceCodeSchema, denyDeviceCodeSchema } from "@/lib/schemas/oauth";
import { approveDeviceCode, denyDeviceCode, type DeviceCodeLookup } from "@/lib/services/devices";

type Decided = { decision: "approved" | "denied"; mac: string };

const approve = formAction(
  approveDeviceCodeSchema,
  async (input, { principal, sourceIp }): Promise<Decided> => {
    const result: DeviceCodeLookup = await approveDeviceCode({ input, actor: actorOf(principal), sourceIp });
    revalidatePath("/devices");

    return { decision: "approved", mac: result.device.mac };
  },
  { path: "/code" },
);

const deny = formAction(
  denyDeviceCodeSchema,
  async ({ code }, { principal, sourceIp }): Promise<Decided> => {
    const result = await denyDeviceCode({ code, actor: actorOf(principal), sourceIp });

    return { decision: "denied", mac: result.device.mac };
  },
  { path: "/code" },
);

export type DecideCodeState = ActionState<Record<string, unknown>, Decided>;

export async function approveCodeAction(previous: DecideCodeState, formData: FormData): Promise<DecideCodeState> {
  return approve(previous as never, formData) as Promise<DecideCodeState>;
}

export async function denyCodeAction(previous: DecideCodeState, formData: FormData): Promise<DecideCodeState> {
  return deny(previous as never, formData) as Promise<DecideCodeState>;
}
