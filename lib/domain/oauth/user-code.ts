// User codes for the console-code flow. RFC 8628 §6.1 recommends this alphabet: consonants only,
// no digits, so nothing reads alike (0/O, 1/I/L, 5/S) and no words are spelled. 8 letters of 20 =
// 20^8 ≈ 2.6e10 codes (34.5 bits); a code lives 10 minutes and only an admin can try codes.
// https://datatracker.ietf.org/doc/html/rfc8628#section-6.1
export const userCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
export const userCodeLength = 8;

// Shown and printed as two groups, BCDF-GHJK, which is easier to read aloud over a BMC session.
export const formatUserCode = (normalized: string): string => `${normalized.slice(0, 4)}-${normalized.slice(4)}`;

// Turns random bytes into a code. Rejection sampling keeps every letter equally likely:
// 256 is not a multiple of 20, so bytes >= 240 are skipped.
export const userCodeFromBytes = (bytes: Uint8Array): string | null => {
  let code = "";
  for (const byte of bytes) {
    if (byte >= 240) continue;
    code += userCodeAlphabet[byte % userCodeAlphabet.length];
    if (code.length === userCodeLength) return code;
  }

  return null;
};

export type NormalizedUserCode = { ok: true; code: string } | { ok: false; reason: string };

// What the admin types: any case, with or without the dash or spaces. Anything else is refused
// with the reason (a typo should say so, not look like "no such code").
export const normalizeUserCode = (input: unknown): NormalizedUserCode => {
  if (typeof input !== "string") return { ok: false, reason: "code is required" };
  if (input.length > 32) return { ok: false, reason: "code is too long" };
  const letters = input.toUpperCase().replace(/[\s-]/g, "");
  if (letters === "") return { ok: false, reason: "code is required" };
  const stray = [...letters].find((char) => !userCodeAlphabet.includes(char));
  if (stray) return { ok: false, reason: `code contains "${stray}", which never appears in a code (codes use ${userCodeAlphabet})` };
  if (letters.length !== userCodeLength) return { ok: false, reason: `code must have ${userCodeLength} letters, like BCDF-GHJK` };

  return { ok: true, code: letters };
};
