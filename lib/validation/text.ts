import { z } from "zod";

// Plain, single-line, human text: bounded length, NFC-normalised, no control characters, no markup brackets, and no
// invisible characters that change how text is shown (bidi overrides could make "evil.exe" read as "exe.live" to an
// admin; zero-width characters make two names look the same).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MARKUP = /[<>]/;
/** Bidi controls: LRM/RLM, ALM, the embeddings/overrides U+202A–U+202E and the isolates U+2066–U+2069. */
const BIDI = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
/** Zero-width and invisible characters: ZWSP/ZWNJ/ZWJ, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator. */
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e]/;

/** The refinements every human-text field shares. */
function cleanText(schema: z.ZodString, label: string) {
  return schema
    .refine((v) => !CONTROL.test(v), `Remove control characters (such as tabs or line breaks) from ${label}.`)
    .refine((v) => !BIDI.test(v), `Remove the invisible text-direction characters from ${label}.`)
    .refine((v) => !INVISIBLE.test(v), `Remove the invisible (zero-width) characters from ${label}.`)
    .refine((v) => !MARKUP.test(v), `Remove the characters < and > from ${label}.`);
}

export function plainText(label: string, { min = 1, max }: { min?: number; max: number }) {
  return cleanText(
    z
      .string({ error: `Enter ${label}.` })
      .normalize("NFC")
      .trim()
      .min(min, min <= 1 ? `Enter ${label}.` : `Use at least ${min} characters for ${label}.`)
      .max(max, `Use at most ${max} characters for ${label}.`),
    label,
  );
}

/** An optional text field: empty means absent. */
export function optionalPlainText(label: string, max: number) {
  return cleanText(z.string().normalize("NFC").trim().max(max, `Use at most ${max} characters for ${label}.`), label)
    .transform((v) => (v === "" ? null : v))
    .nullish();
}
