import Link from "next/link";
import type { DeviceCounts as Counts } from "@/lib/services/devices";

const tiles: { key: keyof Counts; label: string; href: string }[] = [
  { key: "pending", label: "Pending", href: "/devices" },
  { key: "approved", label: "Approved", href: "/devices" },
  { key: "provisioned", label: "Provisioned", href: "/devices" },
  { key: "rejected", label: "Rejected", href: "/devices" },
  { key: "total", label: "All devices", href: "/devices" },
];

export function DeviceCounts({ counts }: { counts: Counts }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="device-counts">
      {tiles.map((tile) => (
        <Link key={tile.key} href={tile.href} data-testid={`count-${tile.key}`} className="rounded-lg border border-slate-200 bg-white px-3 py-2 hover:border-sky-300">
          <div className="text-xs text-slate-500 uppercase">{tile.label}</div>
          <div className="text-2xl font-semibold">{counts[tile.key]}</div>
        </Link>
      ))}
    </div>
  );
}
