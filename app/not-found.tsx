import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-8" data-testid="not-found">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is no page at this address.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
