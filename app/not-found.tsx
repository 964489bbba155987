import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-2xl font-bold">Page not found</h1>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Go to the home page
      </Link>
    </div>
  );
}
