import Link from "next/link";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:mt-4 sm:p-8">
      <h1 className="text-2xl font-bold tracking-tight">Forgot your password?</h1>
      <p className="mt-1 text-muted-foreground">
        Enter the e-mail address you sign in with. We will send you a link to choose a new password; it works once, for one hour.
      </p>
      <ForgotPasswordForm />
      <p className="mt-6 text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link href="/sign-in" className="text-primary underline">
          Sign in
        </Link>
        .
      </p>
    </div>
  );
}
