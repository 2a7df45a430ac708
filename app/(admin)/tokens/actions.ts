"use server";

import { revalidatePath } from "next/cache";
import { formAction, type ActionState } from "@/lib/actions/form-action";
import { apiTokenIdSchema, createApiTokenSchema, type CreateApiTokenInput, type ApiTokenIdInput } from "@/lib/schemas/token";
import { createApiToken } from "@/lib/services/auth";
import { revokeApiToken } from "@/lib/services/auth";

export type CreatedToken = { name: string; token: string };

const createToken = formAction(
  createApiTokenSchema,
  async (input, { principal, sourceIp }): Promise<CreatedToken> => {
    const created = await createApiToken({ ...input, principal, sourceIp });
    revalidatePath("/tokens");

    // The value travels to the browser in this answer only; it is never stored or shown again.
    return { name: created.name, token: created.token };
  },
  { path: "/tokens" },
);

const revokeToken = formAction(
  apiTokenIdSchema,
  async ({ id }, { principal, sourceIp }): Promise<{ revoked: string }> => {
    const token = await revokeApiToken({ id, principal, sourceIp });
    revalidatePath("/tokens");

    return { revoked: token.name };
  },
  { path: "/tokens" },
);

export async function createTokenAction(previous: ActionState<CreateApiTokenInput, CreatedToken>, formData: FormData) {
  return createToken(previous, formData);
}

export async function revokeTokenAction(previous: ActionState<ApiTokenIdInput, { revoked: string }>, formData: FormData) {
  return revokeToken(previous, formData);
}
