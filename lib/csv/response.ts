// The HTTP responses of CSV downloads: the file (streamed, never cached, never sniffed) or a plain-text refusal.

/** A streamed CSV attachment. `fileName` must be plain ASCII without quotes (the callers build it from days and ids). */
export function csvDownloadResponse(stream: ReadableStream<Uint8Array>, fileName: string): Response {
  if (!/^[A-Za-z0-9._-]+$/.test(fileName)) throw new TypeError("A download's file name must be plain ASCII.");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A refusal or a validation problem as plain text (the browser shows it if someone opens the link directly). */
export function plainTextResponse(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
