import { randomBytes } from "node:crypto";

// Randomness and time are injected so tests can pin serials, ids and validity windows.
export type RandomBytes = (size: number) => Uint8Array;

export const secureRandomBytes: RandomBytes = (size) => new Uint8Array(randomBytes(size));

// Go's x509 encodes times with second precision; keep ours identical so certs round-trip.
export const truncateToSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);
