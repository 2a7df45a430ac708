// Talos ships amd64 and arm64 assets. iPXE reports `${buildarch}`: `x86_64` for EFI builds and
// `i386` for the BIOS undionly.kpxe build (which still boots 64-bit machines), `arm64` on ARM.
export type TalosArch = "amd64" | "arm64";

const byReportedArch: Record<string, TalosArch> = {
  x86_64: "amd64",
  i386: "amd64",
  amd64: "amd64",
  x64: "amd64",
  arm64: "arm64",
  aarch64: "arm64",
};

export const talosArchOf = (reported: string | null | undefined): TalosArch =>
  (reported ? byReportedArch[reported.toLowerCase()] : undefined) ?? "amd64";
