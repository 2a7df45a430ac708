import { formatTime } from "@/app/_components/format-time";
import type { DeviceCodeJson } from "@/lib/schemas/oauth";

type ConsoleCodesProps = { proof: string; codes: DeviceCodeJson[] };

// Console-code requests of one device (docs/devices.md). Codes are stored hashed, so the admin
// types the code read from the console; the list shows who asked, from where and what happened.
export function ConsoleCodes({ proof, codes }: ConsoleCodesProps) {
  return (
    <section className="space-y-2" data-testid="console-codes">
      <h2 className="text-base font-semibold">Console codes</h2>
      <p className="text-sm text-slate-600">Approval proof: {proof}.</p>
      <form action="/code" method="get" className="flex items-center gap-2">
        <input name="code" placeholder="Code on the console" autoComplete="off" maxLength={32} className="w-44 rounded-md border border-slate-300 px-2 py-1 font-mono text-sm uppercase" data-testid="device-code-input" />
        <button type="submit" className="rounded-md bg-slate-700 px-3 py-1 text-sm text-white" data-testid="device-code-submit">
          Enter code
        </button>
      </form>
      {codes.length === 0 ? (
        <p className="text-sm text-slate-500">No code requests.</p>
      ) : (
        <table className="text-sm">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pr-4">Asked</th>
              <th className="pr-4">From</th>
              <th className="pr-4">Reported serial</th>
              <th className="pr-4">Status</th>
              <th>Decided</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => (
              <tr key={code.id} className="font-mono text-xs">
                <td className="pr-4">{formatTime(code.createdAt)}</td>
                <td className="pr-4">{code.sourceIp ?? "—"}</td>
                <td className="pr-4">{code.reportedSerial ?? "—"}</td>
                <td className="pr-4">{code.status}</td>
                <td>{code.decidedAt ? `${formatTime(code.decidedAt)} by ${code.decidedBy ?? "?"}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
