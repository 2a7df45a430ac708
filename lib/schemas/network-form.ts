import { z } from "zod";
import { networkSettingsFields, networkSettingsSchema } from "@/lib/schemas/network";

// The Network page posts FormData: every value is a string, unchecked checkboxes are absent, and
// DNS servers are one text field. This turns it into the API's JSON shape, then the same schema
// as the API validates it.
const booleanFields = ["dnsEnabled", "tftpEnabled", "allowMacOnlyDownload"] as const;
const numberFields = [
  "ipxePollSeconds",
  "provisionWindowMinutes",
  "pendingHoldSeconds",
  "registrationBurst",
  "registrationsPerMinute",
  "maxPendingDevices",
  "maxHeldDownloads",
  "eventRetentionDays",
  "tokenRetentionDays",
  "deliveryRetentionDays",
] as const;
const nullableFields = ["gateway", "domain", "arm64Binary"] as const;

const formToInput = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value;
  const raw = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(networkSettingsFields.shape)) {
    if (typeof raw[key] === "string") result[key] = raw[key];
  }
  for (const key of booleanFields) result[key] = raw[key] === "on" || raw[key] === "true";
  for (const key of numberFields) {
    const text = typeof raw[key] === "string" ? raw[key].trim() : "";
    result[key] = text === "" ? undefined : /^-?\d+$/.test(text) ? Number(text) : text;
  }
  for (const key of nullableFields) {
    if (typeof raw[key] === "string" && raw[key].trim() === "") result[key] = null;
  }
  const dns = typeof raw.dnsServers === "string" ? raw.dnsServers.trim() : "";
  result.dnsServers = dns === "" ? [] : dns.split(/[\s,]+/);

  return result;
};

export const networkSettingsFormSchema = z.preprocess(formToInput, networkSettingsSchema);
