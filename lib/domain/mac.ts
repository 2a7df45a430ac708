// MAC addresses arrive in many spellings: iPXE's `${mac:hexhyp}` (dashes), Talos's `${mac}`
// percent-encoded by Go's url.Values (`52%3A54%3A…`), admins typing upper case or bare hex.
// Everything is stored in one form: lower-case, colon separated.
export type MacParseResult = { ok: true; mac: string } | { ok: false; reason: string };

const maxInputLength = 64;

const colonOrDash = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/;
const bareHex = /^[0-9a-f]{12}$/;
const ciscoDotted = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/;

// Decodes percent-escapes; a value that was encoded twice (`%253A`) is decoded at most twice.
const percentDecode = (value: string): string | null => {
  let current = value;
  for (let round = 0; round < 2 && current.includes("%"); round += 1) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
  }

  return current;
};

const toColonForm = (hex: string): string => hex.match(/../g)!.join(":");

export const parseMac = (input: unknown): MacParseResult => {
  if (typeof input !== "string" || input.trim() === "") return { ok: false, reason: "mac is required" };
  if (input.length > maxInputLength) return { ok: false, reason: "mac is too long" };
  const decoded = percentDecode(input.trim());
  if (decoded === null) return { ok: false, reason: "mac has a broken percent-encoding" };
  const value = decoded.toLowerCase();
  if (colonOrDash.test(value) || bareHex.test(value) || ciscoDotted.test(value)) {
    return { ok: true, mac: toColonForm(value.replace(/[:.-]/g, "")) };
  }

  return { ok: false, reason: "mac must be 6 hex octets, e.g. aa:bb:cc:dd:ee:ff" };
};

export const isNormalizedMac = (value: string): boolean => /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/.test(value);

// For search boxes: turns a partial MAC in any spelling ("AA-BB-C", "aabbcc") into a fragment of
// the stored colon form, or null when the text does not look like (part of) a MAC.
export const macSearchFragment = (query: string): string | null => {
  const full = parseMac(query);
  if (full.ok) return full.mac;
  const value = query.trim().toLowerCase();
  if (value.length < 2 || value.length > 17) return null;
  if (/^[0-9a-f]{2}(?:[:-][0-9a-f]{1,2})*[:-]?$/.test(value)) return value.replace(/-/g, ":");
  if (/^[0-9a-f]+$/.test(value) && value.length % 2 === 0) return toColonForm(value);

  return null;
};

// iPXE's `${mac:hexhyp}` form, used in chain URLs so the value needs no escaping.
export const macToHyphen = (mac: string): string => mac.replace(/:/g, "-");

// A machine's NIC has a unicast address. The I/G bit (least significant bit of the first octet)
// marks multicast, ff:ff:ff:ff:ff:ff (broadcast) included; all zeros is no address at all (IEEE
// 802-2014 §8.2). No such value can be a device a machine registers or an admin creates.
export const machineMacProblem = (mac: string): string | null => {
  if (!isNormalizedMac(mac)) return "mac must be 6 hex octets, e.g. aa:bb:cc:dd:ee:ff";
  if (mac === "ff:ff:ff:ff:ff:ff") return "mac is the broadcast address, not a machine's";
  if (Number.parseInt(mac.slice(0, 2), 16) & 1) return "mac is a multicast address, not a machine's";
  if (mac === "00:00:00:00:00:00") return "mac is all zeros, not a machine's";

  return null;
};
