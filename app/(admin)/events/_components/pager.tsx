import Link from "next/link";

type PagerProps = { page: number; pageSize: number; total: number; href: (page: number) => string };

export function Pager({ page, pageSize, total, href }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const linkClass = "rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-50";

  return (
    <div className="flex items-center justify-between text-sm text-slate-600" data-testid="pager">
      <span data-testid="pager-summary">
        Page {page} of {pages} · {total} event(s)
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={linkClass} data-testid="pager-prev">
            Newer
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className={linkClass} data-testid="pager-next">
            Older
          </Link>
        ) : null}
      </div>
    </div>
  );
}
