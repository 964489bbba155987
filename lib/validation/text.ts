import { z } from "zod";

// Plain, single-line, human text: bounded length, no control characters, no markup brackets.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MARKUP = /[<>]/;

export function plainText(label: string, { min = 1, max }: { min?: number; max: number }) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(min, min <= 1 ? `Enter ${label}.` : `Use at least ${min} characters for ${label}.`)
    .max(max, `Use at most ${max} characters for ${label}.`)
    .refine((v) => !CONTROL.test(v), `Remove control characters (such as tabs or line breaks) from ${label}.`)
    .refine((v) => !MARKUP.test(v), `Remove the characters < and > from ${label}.`);
}

/** An optional text field: empty means absent. */
export function optionalPlainText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters for ${label}.`)
    .refine((v) => !CONTROL.test(v), `Remove control characters (such as tabs or line breaks) from ${label}.`)
    .refine((v) => !MARKUP.test(v), `Remove the characters < and > from ${label}.`)
    .transform((v) => (v === "" ? null : v))
    .nullish();
}
