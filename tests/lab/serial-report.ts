// What the Talos stand-in (scripts/lab/stand-in-init.sh) printed on the serial console. QEMU's
// serial file carries CR LF line ends and firmware escape sequences; only "ktizo-lab:" lines count.
export type SerialReport = {
  nicMac: string | null;
  address: string | null;
  sha256: string | null;
  config: Buffer | null;
  configFailed: boolean;
};

export const serialReport = (serial: string): SerialReport => {
  const lines = serial.replaceAll("\r", "").split("\n");
  const value = (pattern: RegExp) => lines.map((line) => pattern.exec(line)?.[1]).find(Boolean) ?? null;
  const begin = lines.indexOf("ktizo-lab: config base64 begin");
  const end = lines.indexOf("ktizo-lab: config base64 end");
  const config = begin >= 0 && end > begin ? Buffer.from(lines.slice(begin + 1, end).join(""), "base64") : null;

  return {
    nicMac: value(/^ktizo-lab: nic \S+ ([0-9a-f:]{17})$/),
    address: value(/^ktizo-lab: address (\S+)$/),
    sha256: value(/^ktizo-lab: config downloaded: sha256 ([0-9a-f]{64}) /),
    config,
    configFailed: lines.includes("ktizo-lab: config download FAILED"),
  };
};
