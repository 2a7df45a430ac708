import { randomInt } from "node:crypto";
import { hostname } from "node:os";

// Ids for the few rows the machine-facing hot path inserts with raw SQL (lib/data/events.ts and the boot services):
// the same shape as Prisma's `@default(cuid())` (cuid v1: "c", 8 timestamp, 4 counter,
// 4 fingerprint, 8 random, base36), so raw-inserted rows sort and look like ORM-inserted ones.
const base = 36;
const block = base ** 4;
const pad = (value: number, size: number): string => value.toString(base).padStart(size, "0").slice(-size);

const hostSum = [...hostname()].reduce((sum, char) => sum + char.charCodeAt(0), hostname().length + base);
const fingerprint = pad(process.pid, 2) + pad(hostSum, 2);
let counter = randomInt(block);

export const cuid = (): string => {
  counter = (counter + 1) % block;

  return `c${pad(Date.now(), 8)}${pad(counter, 4)}${fingerprint}${pad(randomInt(block), 4)}${pad(randomInt(block), 4)}`;
};
