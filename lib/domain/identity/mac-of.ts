import { parseMac } from "@/lib/domain/mac";

// The stored MAC form of a table entry, or null for anything that is not a MAC.
export const macOf = (value: string): string | null => {
  const parsed = parseMac(value);

  return parsed.ok ? parsed.mac : null;
};
