// An OUI prefix is the vendor part of a MAC: 3 octets normally, up to 5 for the smaller IEEE
// blocks (MA-M, MA-S). Accepted spelled like MACs are (colons, dashes, bare hex); stored colon form.
const hexOnly = /^[0-9a-f]+$/;

export const normalizeOuiPrefix = (input: string): string | null => {
  const hex = input.trim().toLowerCase().replace(/[:.-]/g, "");
  if (!hexOnly.test(hex) || hex.length % 2 !== 0 || hex.length < 6 || hex.length > 10) return null;

  return hex.match(/../g)!.join(":");
};

// `mac` is the stored, normalised colon form.
export const ouiMatches = (prefix: string, mac: string): boolean => {
  const normalized = normalizeOuiPrefix(prefix);

  return normalized !== null && mac.toLowerCase().startsWith(`${normalized}:`);
};
