import { z } from "zod";
import { appErrorCodes } from "@/lib/domain/errors";

// The one error answer of every JSON route (lib/http/responses.ts, codes mapped to HTTP status in
// lib/http/status.ts): `issues` names each refused field when the input did not validate.
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(appErrorCodes),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
