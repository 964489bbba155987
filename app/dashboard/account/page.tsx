import { ChangePasswordForm } from "./_components/change-password-form";
import { DeleteAccountForm } from "./_components/delete-account-form";
import { ProfileForm } from "./_components/profile-form";
import { SessionsList } from "./_components/sessions-list";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getProfile } from "@/lib/account/queries";
import { requirePagePermission } from "@/lib/auth/guards";
import { listOwnSessions } from "@/lib/auth/sessions";

export const metadata = { title: "Account" };
export const dynamic = "force-dynamic";

const memberSince = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export default async function AccountPage() {
  const actor = await requirePagePermission("account.read", "/dashboard/account");
  const result = await getProfile(actor);
  if (!result.ok) throw new Error(result.error.message);
  const profile = result.data;
  const sessions = await listOwnSessions(actor);
  if (!sessions.ok) throw new Error(sessions.error.message);

  return (
    <>
      <PageHeader title="Account" description={`${profile.tierName} tier · member since ${memberSince.format(profile.memberSince)}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Profile">
          <ProfileForm name={profile.name} company={profile.company} email={profile.email} />
        </Card>
        <Card title="Change password">
          {profile.hasPassword ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-sm text-muted-foreground">
              You sign in through an external provider, so there is no password to change here. To add one, sign out and use “Forgot your
              password?” on the sign-in page.
            </p>
          )}
        </Card>
        <Card title="Where you are signed in" className="lg:col-span-2">
          <SessionsList
            sessions={sessions.data.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() }))}
          />
        </Card>
      </div>
      <section aria-labelledby="delete-account-heading" className="mt-6 rounded-lg border border-destructive/50 bg-card p-5 shadow-sm">
        <h2 id="delete-account-heading" className="text-lg font-semibold text-destructive">
          Delete account
        </h2>
        <div className="mt-2 space-y-2 text-sm text-muted-foreground">
          <p>Deleting your account cannot be undone. When you confirm:</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>every API key is revoked immediately in AWS</strong>: requests with them get 403 from then on, and the keys cannot be
              recovered;
            </li>
            <li>your name, company and e-mail address are removed, and you are signed out at once;</li>
            <li>the audit trail of what was done on the account is kept.</li>
          </ul>
          <p>If AWS is busy at that moment, the account is closed at once and the keys are revoked in the background within minutes.</p>
        </div>
        <div className="mt-4">
          <DeleteAccountForm hasPassword={profile.hasPassword} />
        </div>
      </section>
    </>
  );
}
