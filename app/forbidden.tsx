import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 className="mt-2 text-2xl font-bold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">Your account&apos;s role does not include this area. If you think it should, ask an administrator.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Go to the home page
      </Link>
    </div>
  );
}
