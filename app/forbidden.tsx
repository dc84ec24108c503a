import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">403 — Admins only</h1>
      <p className="mt-2 text-slate-600">Your role does not allow this page. Ask an admin if you need access.</p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/runs">
        Go to runs
      </Link>
    </main>
  );
}
