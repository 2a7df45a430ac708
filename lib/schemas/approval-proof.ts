import { z } from "zod";
import { approvalProofs } from "@/lib/domain/oauth/approval-proof";

export const approvalProofSchema = z.enum(approvalProofs, { message: "approval proof must be token or console-code" });
// Groups and devices: "" or null means "inherit" (device → group → cluster).
export const inheritedApprovalProofSchema = z.preprocess((value) => (value === "" ? null : value), approvalProofSchema.nullable().optional());
