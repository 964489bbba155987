// A CSV download streamed from the database batch by batch, at the reader's pace: the one streaming helper every
// Gatehouse CSV export uses (audit log, billing report, daily usage).
import { spreadsheetCsv, type CsvColumn, type CsvValue } from "@/lib/csv/spreadsheet-safe";
import { errorFields, logger } from "@/lib/observability/log";

export type CsvRecord<K extends string> = Record<K, CsvValue>;

/**
 * A ReadableStream of CSV bytes: the header (after a UTF-8 byte-order mark), then each batch of records as
 * `batches` yields it, formatted by csv-stringify with the spreadsheet-safe cell rule (lib/csv/spreadsheet-safe.ts).
 *
 * Backpressure comes from the stream's pull model: the next batch is read from the database only when the reader
 * has taken the previous one (one batch queued at most), so memory stays flat however long the export is and
 * however slow the client. A reader that goes away cancels the stream, which stops the batch generator (its
 * `finally` runs). A failure after the first byte cannot become an HTTP error any more: the stream errors, so the
 * client sees a cut-off download rather than a file that looks complete, and `label` names the export in the log
 * (class and message only, never row contents).
 */
export function csvStream<K extends string>(
  columns: readonly CsvColumn<K>[],
  batches: AsyncIterable<readonly CsvRecord<K>[]>,
  label: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // An async generator's body does not run before the first next(): nothing is read before the reader asks.
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            // The header alone: csv-stringify writes it even for no records, so an empty range is a header-only file.
            controller.enqueue(encoder.encode(spreadsheetCsv(columns, [], { header: true })));
            return;
          }
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              controller.close();
              return;
            }
            if (next.value.length === 0) continue;
            controller.enqueue(encoder.encode(spreadsheetCsv(columns, next.value, { header: false })));
            return;
          }
        } catch (error) {
          logger("csv").error({ export: label, ...errorFields(error) }, "CSV export stopped");
          controller.error(error instanceof Error ? error : new Error("export failed"));
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One chunk (one batch) queued ahead of the reader at most.
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
}
