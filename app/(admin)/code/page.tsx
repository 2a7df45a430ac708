import Link from "next/link";
import { DecideCodeForm } from "@/app/(admin)/code/_components/decide-code-form";
import { formatTime } from "@/app/_components/format-time";
import { Notice } from "@/app/_components/notice";
import { requireAdmin } from "@/lib/auth/require-admin";
import { isAppError } from "@/lib/domain/errors";
import { formatUserCode, normalizeUserCode } from "@/lib/domain/oauth/user-code";
import { describeDecidedCode, lookupDeviceCode, type DeviceCodeLookup } from "@/lib/services/devices";

export const dynamic = "force-dynamic";

type CodePageProps = { searchParams: Promise<{ code?: string | string[] }> };

type Found = DeviceCodeLookup | { missing: string; decided: boolean };

// A decided code still answers "no device is waiting", and says what became of it.
const find = async (code: string): Promise<Found> => {
  try {
    return await lookupDeviceCode({ code });
  } catch (error) {
    if (!isAppError(error) || error.code !== "not_found") throw error;
    const decided = await describeDecidedCode({ code });
    if (!decided || decided.status === "expired") return { missing: error.message, decided: false };
    const when = decided.decidedAt ? ` at ${formatTime(decided.decidedAt)} by ${decided.decidedBy ?? "?"}` : "";

    return { missing: `No device is waiting for this code any more: it was ${decided.status} for ${decided.mac}${when}.`, decided: true };
  }
};

// Approval by console code (docs/devices.md): which device asked for the typed code, then confirm.
export default async function CodePage({ searchParams }: CodePageProps) {
  await requireAdmin("/code");
  const raw = (await searchParams).code;
  const typed = typeof raw === "string" ? raw : "";
  const normalized = typed ? normalizeUserCode(typed) : null;
  const found = normalized?.ok ? await find(normalized.code) : null;

  return (
    <div className="space-y-6" data-testid="code-page">
      <h1 className="text-xl font-semibold">Console code</h1>
      <form action="/code" method="get" className="flex items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Code shown on the machine&apos;s console</span>
          <input name="code" defaultValue={typed} autoComplete="off" maxLength={32} className="mt-1 w-40 rounded-md border border-slate-300 px-3 py-1.5 font-mono uppercase" data-testid="code-input" />
        </label>
        <button type="submit" className="rounded-md bg-slate-700 px-3 py-1.5 text-sm text-white">
          Look up
        </button>
      </form>
      {normalized && !normalized.ok ? (
        <Notice tone="error" testId="code-invalid">
          {normalized.reason}
        </Notice>
      ) : null}
      {found && "missing" in found ? (
        <Notice tone={found.decided ? "info" : "error"} testId={found.decided ? "code-decided" : "code-not-found"}>
          {found.missing}
        </Notice>
      ) : null}
      {found && !("missing" in found) && normalized?.ok ? <CodeDetails lookup={found} code={formatUserCode(normalized.code)} /> : null}
    </div>
  );
}

function CodeDetails({ lookup, code }: { lookup: DeviceCodeLookup; code: string }) {
  const { device, code: request } = lookup;
  const facts: [string, string][] = [
    ["Device", `${device.mac} (${device.status})`],
    ["Asked from", request.sourceIp ?? "unknown address"],
    ["Asked at", formatTime(request.createdAt)],
    ["Expires", formatTime(request.expiresAt)],
    ["Reported UUID", request.reportedUuid ?? "—"],
    ["Reported serial", request.reportedSerial ?? "—"],
    ["Reported MAC", request.reportedMac ?? "—"],
    ["Known UUID / serial", `${device.uuid ?? "—"} / ${device.serial ?? "—"}`],
  ];

  return (
    <section className="space-y-4" data-testid="code-details">
      <p className="text-sm text-slate-700">
        Code <code className="font-mono">{code}</code> belongs to{" "}
        <Link href={`/devices/${device.id}`} className="text-sky-700 underline" data-testid="code-device-mac">
          {device.mac}
        </Link>
        . Approve only if this is the code on the console you are reading.
      </p>
      {lookup.otherPendingCodes > 0 ? (
        <Notice tone="error" testId="code-other-requests">
          {lookup.otherPendingCodes} other machine(s) asked for a code with this MAC. Approving this code denies theirs.
        </Notice>
      ) : null}
      <dl className="grid max-w-2xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="font-mono text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <DecideCodeForm code={code} needsAssignment={device.status !== "approved"} hostname={device.hostname} ipAddress={device.ipAddress} role={device.role} />
    </section>
  );
}
