import { z } from "zod";
import type { ApprovalProof as ApprovalProofColumn, IdentityCheck as IdentityCheckColumn } from "@/lib/generated/prisma/client";
import type { IdentityCheck } from "@/lib/domain/identity/decide-identity";
import type { ApprovalProof } from "@/lib/domain/oauth/approval-proof";

// Row <-> domain mapping of the Json and enum columns (prisma/schema.prisma). A Json list column holds
// a JSON array of strings; anything else is a broken invariant (the json_lists_and_enums migration made
// every old row valid), so reading it fails loudly, naming the column, instead of reading as [].
const stringListSchema = z.array(z.string());

export const listColumn = (value: unknown, column: string): string[] => {
  const parsed = stringListSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${column} does not hold a JSON list of strings`);

  return parsed.data;
};

// Enum values that are not identifiers keep their stored spelling through @map; Prisma's client names
// them with an underscore. The domain (zod, the API, raw statements) uses the stored spelling.
export const approvalProofOf = (value: ApprovalProofColumn): ApprovalProof => (value === "console_code" ? "console-code" : "token");
export const approvalProofColumn = (value: ApprovalProof): ApprovalProofColumn => (value === "console-code" ? "console_code" : "token");
export const optionalApprovalProofOf = (value: ApprovalProofColumn | null): ApprovalProof | null => (value === null ? null : approvalProofOf(value));
export const optionalApprovalProofColumn = <T extends ApprovalProof | null | undefined>(value: T) =>
  (value === null || value === undefined ? value : approvalProofColumn(value)) as T extends ApprovalProof ? ApprovalProofColumn : Exclude<T, ApprovalProof> | ApprovalProofColumn;

export const identityCheckOf = (value: IdentityCheckColumn): IdentityCheck => (value === "ip_only" ? "ip-only" : value);
export const identityCheckColumn = (value: IdentityCheck): IdentityCheckColumn => (value === "ip-only" ? "ip_only" : value);
