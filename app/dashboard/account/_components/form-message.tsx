import { Alert } from "@/components/ui/alert";
import type { FormFeedback } from "@/components/forms/use-action-form";

/** A form's overall message: an alert when no field explains it, a short line above the fields' own errors. */
export function FormMessage({ id, feedback, success }: { id: string; feedback: FormFeedback; success?: string | null }) {
  const hasFieldErrors = Object.keys(feedback.fieldErrors).length > 0;
  return (
    <div id={id} aria-live="polite">
      {feedback.message && !hasFieldErrors ? <Alert tone="error">{feedback.message}</Alert> : null}
      {feedback.message && hasFieldErrors ? <p className="text-sm font-medium text-destructive">{feedback.message}</p> : null}
      {success ? <Alert tone="success">{success}</Alert> : null}
    </div>
  );
}
