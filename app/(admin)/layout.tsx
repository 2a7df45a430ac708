import Link from "next/link";
import type { ReactNode } from "react";
import { EnterCodeBox } from "@/app/(admin)/_components/enter-code-box";
import { LogoutButton } from "@/app/(admin)/_components/logout-button";
import { navItems } from "@/app/(admin)/_components/nav-items";
import { SidebarNav } from "@/app/(admin)/_components/sidebar-nav";
import { requireAdmin } from "@/lib/auth/require-admin";

export const dynamic = "force-dynamic";

// The app shell of every admin page. requireAdmin repeats the proxy's check (defense in depth).
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const principal = await requireAdmin();
  const who = principal.kind === "user" ? principal.username : `token ${principal.name}`;

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-12 items-center justify-between bg-slate-900 px-4 text-white">
        <Link href="/" className="text-base font-semibold tracking-tight" data-testid="app-title">
          ktizo
        </Link>
        <div className="flex items-center gap-3 text-xs text-slate-300">
          <EnterCodeBox />
          <span data-testid="current-user">{who}</span>
          <LogoutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="w-48 shrink-0 border-r border-slate-200 bg-white">
          <SidebarNav items={navItems} />
        </aside>
        <main className="min-w-0 flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
