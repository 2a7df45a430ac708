import Link from "next/link";
import type { ReactNode } from "react";

type DetailHeaderProps = { parentHref: string; parentLabel: string; title: string; children: ReactNode };

// "Parent / name" heading of a detail page, with its action buttons on the right.
export function DetailHeader({ parentHref, parentLabel, title, children }: DetailHeaderProps) {
  return (
    <div className="flex items-center justify-between">
      <h1 className="text-xl font-semibold">
        <Link href={parentHref} className="text-sky-700 hover:underline">
          {parentLabel}
        </Link>{" "}
        / {title}
      </h1>
      {children}
    </div>
  );
}
