import type { RandomBytes } from "@/lib/domain/talos/random";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
// Bytes >= 252 are discarded so `byte % 36` stays unbiased (Kubernetes bootstrap token generator).
const rejectionLimit = 252;

const randomString = (random: RandomBytes, length: number): string => {
  let out = "";
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= rejectionLimit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }

  return out;
};

// `[0-9a-z]{6}.[0-9a-z]{16}`: bootstrap token and trustd token (https://github.com/siderolabs/talos/blob/v1.11.6/pkg/machinery/config/generate/secrets/bundle.go).
export const generateToken = (random: RandomBytes): string => `${randomString(random, 6)}.${randomString(random, 16)}`;

export const tokenPattern = /^[0-9a-z]{6}\.[0-9a-z]{16}$/;

// cluster.id uses the URL-safe alphabet with padding; the other 32-byte secrets use the standard one.
export const generateClusterId = (random: RandomBytes): string =>
  Buffer.from(random(32)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");

export const generateSecret32 = (random: RandomBytes): string => Buffer.from(random(32)).toString("base64");

export const clusterIdPattern = /^[A-Za-z0-9_-]{43}=$/;
export const secret32Pattern = /^[A-Za-z0-9+/]{43}=$/;
