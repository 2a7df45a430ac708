// Talos puts keys and certificates into YAML as standard base64 of the whole PEM text
// (header, 64-column body, footer, trailing newline): https://github.com/siderolabs/crypto/blob/v0.6.3/x509/key.go.
export const pemBlock = (label: string, der: Uint8Array): string => {
  const body = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");

  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
};

export const pemToB64 = (pem: string): string => Buffer.from(pem, "utf8").toString("base64");

export const b64ToPem = (value: string): string => Buffer.from(value, "base64").toString("utf8");

const blockPattern = /^-----BEGIN ([A-Z0-9 ]+)-----\n([A-Za-z0-9+/=\n]+?)\n?-----END \1-----\n?$/;

export type PemBlock = { label: string; der: Buffer };

// Parses exactly one PEM block; returns null for anything else.
export const parsePemBlock = (pem: string): PemBlock | null => {
  const match = blockPattern.exec(pem.replace(/\r\n/g, "\n").trim() + "\n");
  if (!match?.[1] || !match[2]) return null;

  return { label: match[1], der: Buffer.from(match[2].replace(/\n/g, ""), "base64") };
};

export const isStrictBase64 = (value: string): boolean =>
  value.length > 0 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
