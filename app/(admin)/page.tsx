import Link from "next/link";
import { navItems } from "@/app/(admin)/_components/nav-items";
import { requireAdmin } from "@/lib/auth/require-admin";

export const dynamic = "force-dynamic";

// Placeholder overview (issue 2) so "/" exists after login; the devices issue replaces it with the
// real overview (pending queue, counts, dnsmasq/worker status, recent events).
export default async function OverviewPage() {
  await requireAdmin("/");

  return (
    <div className="space-y-4" data-testid="overview">
      <h1 className="text-xl font-semibold">Overview</h1>
      <ul className="list-inside list-disc text-sm text-slate-700">
        {navItems
          .filter((item) => item.href !== "/")
          .map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="text-sky-700 hover:underline">
                {item.label}
              </Link>
            </li>
          ))}
      </ul>
    </div>
  );
}
