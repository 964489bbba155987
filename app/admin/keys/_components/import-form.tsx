"use client";

import { FileUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { importKeysAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { FieldErrors } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { AdoptionTier, ImportRowResult } from "@/lib/keys/adopt-keys";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/keys/adopt.schema";
import { BODY_TOO_LARGE_MESSAGE, isBodyTooLarge } from "@/lib/security/body-limit";
import { cn } from "@/lib/ui/cn";

const statusBadge = {
  adopted: <Badge variant="success">Adopted</Badge>,
  in_progress: <Badge variant="warning">In progress</Badge>,
  failed: <Badge variant="danger">Failed</Badge>,
} as const;

const resultColumns: ColumnDef<ImportRowResult, unknown>[] = [
  { accessorKey: "line", header: "Line" },
  { accessorKey: "name", header: "Key name", meta: { rowHeader: true } },
  {
    accessorKey: "customerEmail",
    header: "Customer",
    cell: ({ row: { original: r } }) => (
      <span className="break-all">
        {r.customerEmail}
        {r.invited ? <span className="block text-muted-foreground">invited</span> : null}
      </span>
    ),
  },
  { accessorKey: "status", header: "Result", cell: ({ row: { original: r } }) => statusBadge[r.status] },
  { accessorKey: "message", header: "Details", enableSorting: false, cell: ({ getValue }) => <span className="text-muted-foreground">{(getValue() as string | null) ?? "—"}</span> },
];

/** Upload a CSV (Name, Key, Customer, Enabled): checked here for size, then in full on the server; results per row. */
export function ImportForm({ tiers }: { tiers: AdoptionTier[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [rows, setRows] = useState<ImportRowResult[] | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const file = (element.elements.namedItem("csv-file") as HTMLInputElement | null)?.files?.[0];
    const tierId = new FormData(element).get("tierId");
    setRows(null);
    setMessage(null);
    if (!file) return setErrors({ csv: ["Choose a CSV file."] });
    if (file.size > MAX_IMPORT_BYTES) return setErrors({ csv: [`The file is larger than ${MAX_IMPORT_BYTES / 1024} KiB. Split it into smaller files.`] });
    setErrors({});
    startTransition(async () => {
      const form = new FormData();
      form.set("csv", await file.text());
      form.set("tierId", typeof tierId === "string" ? tierId : "");
      let result;
      try {
        result = await importKeysAction(form);
      } catch (error) {
        if (!isBodyTooLarge(error)) throw error;
        setMessage(BODY_TOO_LARGE_MESSAGE);
        return;
      }
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        setMessage(result.error.message);
        return;
      }
      setRows(result.data.rows);
      const adopted = result.data.rows.filter((r) => r.status === "adopted").length;
      const summary = `${adopted} of ${result.data.rows.length} key${result.data.rows.length === 1 ? "" : "s"} imported and adopted.`;
      if (adopted === result.data.rows.length) toast.success(summary);
      else toast.warning(summary);
      element.reset();
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <p className="max-w-prose text-sm text-muted-foreground">
        A CSV file with a header row: <code className="font-mono">Name</code>, <code className="font-mono">Key</code> (the value, 20–128 characters),{" "}
        <code className="font-mono">Customer</code> (the e-mail of a customer&apos;s user; an unknown address becomes a new customer, invited by e-mail) and
        optionally <code className="font-mono">Enabled</code> (true or false). At most {MAX_IMPORT_ROWS} keys and {MAX_IMPORT_BYTES / 1024} KiB. Nothing is
        imported unless every row is valid. Values go to AWS only; the portal keeps their last four characters.
      </p>
      <form onSubmit={onSubmit} noValidate className="grid max-w-xl gap-4" aria-label="Import keys from a CSV file">
        <div className="space-y-1.5">
          <label htmlFor="csv-file" className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id="csv-file"
            name="csv-file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={errors.csv ? true : undefined}
            aria-describedby="csv-file-error"
            className={cn(inputClass, "h-10 py-1.5 file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-2 file:py-1 file:text-sm file:text-secondary-foreground")}
          />
          <div className="max-h-60 overflow-y-auto">
            <FieldErrors id="csv-file-error" errors={errors.csv} />
          </div>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="import-tier" className="block text-sm font-medium">
            Tier for new customers
          </label>
          <NativeSelect id="import-tier" name="tierId" defaultValue={tiers[0]?.id} aria-invalid={errors.tierId ? true : undefined} aria-describedby="import-tier-error" className="h-10">
            {tiers.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.approval ? " (approval)" : ""}
              </option>
            ))}
          </NativeSelect>
          <FieldErrors id="import-tier-error" errors={errors.tierId} />
        </div>
        <div>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            <FileUp aria-hidden="true" />
            {pending ? "Importing…" : "Import keys"}
          </Button>
        </div>
        <div aria-live="polite">{message ? <Alert tone="error">{message}</Alert> : null}</div>
      </form>
      {rows ? (
        <DataTable columns={resultColumns} data={rows} caption="Import results, one row per key in the file" rowTestId="import-result" getRowId={(r) => String(r.line)} />
      ) : null}
    </div>
  );
}
