import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isNormalizedMac, macSearchFragment, parseMac } from "@/lib/domain/mac";
import { clusterSettingsSchema, updateClusterSettingsSchema } from "@/lib/schemas/cluster";
import {
  approveDeviceSchema,
  bootQuerySchema,
  configDownloadQuerySchema,
  createDeviceSchema,
  listDevicesQuerySchema,
  registerBodySchema,
  updateDeviceSchema,
} from "@/lib/schemas/device";
import { networkSettingsSchema, updateNetworkSettingsSchema } from "@/lib/schemas/network";
import { hostileJson, hostileMac, hostileString, octets, propertyRuns, validMacSpelling } from "@/tests/hardening/arbitraries";

// Parsers are total: whatever arrives, they answer ok or a reason, and never throw anything but a
// ZodError through safeParse (which would be a 5xx in a route).
describe("MAC parser", () => {
  it("never throws, and what it accepts is the normalised colon form", () => {
    fc.assert(
      fc.property(fc.oneof(hostileMac, fc.anything()), (input) => {
        const result = parseMac(input);
        if (result.ok) {
          expect(isNormalizedMac(result.mac)).toBe(true);
          expect(parseMac(result.mac)).toEqual(result);
        } else {
          expect(result.reason).toMatch(/^mac /);
        }
      }),
      propertyRuns(400),
    );
  });

  it("accepts every documented spelling of the same six octets as one MAC", () => {
    fc.assert(
      fc.property(octets, fc.constantFrom(":", "-", "", "%3A", "%253A"), fc.boolean(), (parts, separator, upper) => {
        const spelled = parts.join(separator);
        const result = parseMac(upper ? spelled.toUpperCase() : spelled);
        expect(result).toEqual({ ok: true, mac: parts.join(":") });
      }),
      propertyRuns(200),
    );
  });

  it("never accepts a value with an inner separator, quote, comma or expansion", () => {
    fc.assert(
      fc.property(validMacSpelling, fc.constantFrom(",", '"', "${x}", "\n", " ", ";", "/"), fc.nat(17), (mac, payload, at) => {
        const position = 1 + (at % Math.max(1, mac.length - 1));
        const spoiled = `${mac.slice(0, position)}${payload}${mac.slice(position)}`;
        expect(parseMac(spoiled).ok).toBe(false);
      }),
      propertyRuns(300),
    );
  });

  it("search fragments are null or a piece of the colon form", () => {
    fc.assert(
      fc.property(hostileString, (query) => {
        const fragment = macSearchFragment(query);
        if (fragment !== null) expect(fragment).toMatch(/^[0-9a-f:]+$/);
      }),
      propertyRuns(300),
    );
  });
});

const schemas = {
  networkSettingsSchema,
  updateNetworkSettingsSchema,
  clusterSettingsSchema,
  updateClusterSettingsSchema,
  bootQuerySchema,
  configDownloadQuerySchema,
  registerBodySchema,
  createDeviceSchema,
  approveDeviceSchema,
  updateDeviceSchema,
  listDevicesQuerySchema,
};

// Nothing that a schema accepts may carry a line break or NUL into a stored string (notes excepted:
// free text with tabs/newlines refused too, see notesSchema).
const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];

const controlCharacterBodies = [
  { mac: "\n", serial: "\n" },
  { mac: "52:54:00:12:34:56", uuid: "\n", serial: "a\nb", arch: "x86_64\n", hostname: "node\n1" },
  { mac: "52:54:00:12:34:56", serial: "\u0000", token: "t\r\n" },
];

describe.each(Object.entries(schemas))("%s", (_name, schema) => {
  it("safeParse never throws on hostile JSON, and accepted strings hold no control characters", () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, fc.anything()), (input) => {
        const result = schema.safeParse(input);
        // A raw MAC goes on to requireMac (which trims and normalises it) and a token is only hashed
        // and compared: neither is stored or rendered as given.
        const data = result.success && result.data && typeof result.data === "object" ? { ...result.data, mac: "", token: "" } : result.data;
        if (result.success) for (const text of strings(data)) expect(text).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
      }),
      // Always tried, whatever the seed: a line break in each field a machine reports (a random run
      // once found the serial one, which the register body passed on unchecked).
      { ...propertyRuns(200), examples: controlCharacterBodies.map((body) => [body] as [unknown]) },
    );
  });
});
