import fc from "fast-check";

// Shared hostile-input generators for the hardening properties.

// Characters that carry meaning in a rendered file: line breaks (dnsmasq, iPXE, YAML), the dnsmasq
// field separator, quotes, iPXE/shell expansion, YAML flow and comment markers.
export const injectionPayloads = [
  "\n",
  "\r\n",
  "\r",
  ",",
  '"',
  "'",
  "${evil}",
  "${mac}",
  "\nport=53",
  "\ndhcp-boot=evil",
  ",set:evil",
  "\u0000",
  "# comment",
  ": yaml",
  "\nkernel http://evil/",
  "{a: b}",
  "`id`",
] as const;

export const injectionPayload = fc.constantFrom(...injectionPayloads);

// Any string: full unicode, lone surrogates, control characters, long values.
export const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("\n", "\r", "\u0000", "\u2028", "\u0085", "%", ":", "-", ".", ",", '"', "$", "{", "}", "a", "F", "0", "9"), maxLength: 40 }),
  fc.string({ maxLength: 600 }),
  injectionPayload,
);

// MAC-like strings: mostly near-valid (the interesting edge), some valid, some garbage.
const hexOctet = fc.integer({ min: 0, max: 255 }).map((value) => value.toString(16).padStart(2, "0"));
export const octets = fc.array(hexOctet, { minLength: 6, maxLength: 6 });
export const validMacSpelling = fc
  .tuple(octets, fc.constantFrom(":", "-", "", "%3A", "%3a", "%253A", "."), fc.boolean())
  .map(([parts, separator, upper]) => {
    const joined = separator === "." ? [parts.slice(0, 2), parts.slice(2, 4), parts.slice(4)].map((pair) => pair.join("")).join(".") : parts.join(separator);

    return upper ? joined.toUpperCase() : joined;
  });
export const hostileMac = fc.oneof(
  validMacSpelling,
  fc.tuple(validMacSpelling, injectionPayload).map(([mac, payload]) => `${mac}${payload}`),
  fc.tuple(injectionPayload, validMacSpelling).map(([payload, mac]) => `${payload}${mac}`),
  fc.array(hexOctet, { minLength: 0, maxLength: 9 }).map((parts) => parts.join(":")),
  fc.string({ unit: fc.constantFrom("0", "a", "F", ":", "-", "%", "3", "A", "2", "5", ".", " ", "\n"), maxLength: 40 }),
  hostileString,
);

// Arbitrary JSON values and objects that look a bit like the documented bodies.
export const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ mac: hostileMac }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom("mac", "uuid", "serial", "hostname", "arch", "token", "extra", "__proto__", "constructor"), fc.oneof(hostileString, fc.jsonValue({ maxDepth: 1 }))),
);

// Query strings: random keys and values, encoded or raw (the URL parser sees what a client sends).
export const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom("mac", "uuid", "serial", "arch", "token", "x", "mac[]", ""), hostileString), { maxLength: 5 })
  .map((pairs) => pairs.map(([key, value]) => `${key}=${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, "?"))}`).join("&"));

export const propertyRuns = (runs = 150) => ({ numRuns: runs });
