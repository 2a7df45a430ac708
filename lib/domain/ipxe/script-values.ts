import { AppError } from "@/lib/domain/errors";

// Guards for every value interpolated into an iPXE script. iPXE splits a command line on
// whitespace and expands `${…}` settings anywhere in it, so a value from the database that held a
// space, a newline or `${` could add arguments or whole commands. Values that fail are refused
// here, before rendering, instead of being escaped (iPXE has no escape for `${`).
const printableNoSpace = /^[\x21-\x7e]+$/;
const forbiddenSequences = ["${", '"', "'", "\\", "`"];

const unsafe = (label: string, why: string): AppError =>
  new AppError("validation_failed", `unsafe value for ${label} in iPXE script: ${why}`);

// One whitespace-free word: a kernel argument, a file name, a MAC, a version.
export const scriptWord = (value: string, label: string): string => {
  if (!printableNoSpace.test(value)) throw unsafe(label, "only printable ASCII without spaces is allowed");
  const bad = forbiddenSequences.find((sequence) => value.includes(sequence));
  if (bad) throw unsafe(label, `contains ${JSON.stringify(bad)}`);

  return value;
};

// Debian's iPXE has no HTTPS, so every URL in a script is plain http:// (so no script depends on it).
export const scriptUrl = (value: string, label: string): string => {
  scriptWord(value, label);
  if (!/^http:\/\/[^/?#]+/i.test(value)) throw unsafe(label, "must be an http:// URL");

  return value;
};

// Text for `echo`: a short sentence made from a fixed alphabet (no `$`, no quotes, no newline).
export const scriptMessage = (value: string, label: string): string => {
  if (value.length > 200) throw unsafe(label, "longer than 200 characters");
  if (!/^[A-Za-z0-9 .,:;()/_=+@-]*$/.test(value)) throw unsafe(label, "contains characters outside the message alphabet");

  return value;
};

export const scriptSeconds = (value: number, label: string): number => {
  if (!Number.isInteger(value) || value < 1 || value > 3600) throw unsafe(label, "must be 1–3600 seconds");

  return value;
};
