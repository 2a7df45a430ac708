import type { ReactNode } from "react";

type DataTableProps = { testId: string; headings: string[]; empty?: string | null; children: ReactNode };

// The bordered list table of the admin pages. `empty` is the text of the single row shown when
// there is nothing to list (null or absent: no such row); the caller decides, since only it knows.
export function DataTable({ testId, headings, empty = null, children }: DataTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            {headings.map((heading) => (
              <th key={heading} className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {empty === null ? null : (
            <tr>
              <td colSpan={headings.length} className="px-3 py-6 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}
