// The password policy (NIST SP 800-63B): at least 10 and at most 128 characters (the schema, password.schema.ts),
// no composition rules, and no password an attacker would try early: common and breached-list passwords, words and
// names, repeats and sequences (zxcvbn-ts and its dictionaries), or one containing the account's e-mail or name.
//
// No server imports: the server checks with it (the real check, in every service that sets a password), and the
// forms load it lazily for the strength hint (its dictionaries are large, so they never ride in a page's bundle).
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { fail } from "@/lib/result";

/** zxcvbn's 0–4 scale; 3 means about 10^8 guesses or more ("safely unguessable" online). */
export const MIN_SCORE = 3;

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

export interface PasswordAssessment {
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is refused, or null when it is acceptable. */
  problem: string | null;
  /** A tip for a better one, when zxcvbn has one. */
  suggestion: string | null;
}

export const PERSONAL_DATA = "Do not use your e-mail address or name in your password.";
export const TOO_GUESSABLE = "This password is too easy to guess. Use a few unrelated words or a longer phrase.";

let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

function personalWords({ email, name }: PasswordContext): { contained: string[]; hints: string[] } {
  const address = email?.trim().toLowerCase() ?? "";
  const local = address.split("@")[0] ?? "";
  const fullName = name?.trim().toLowerCase() ?? "";
  const nameWords = fullName.split(/[\s.,'-]+/).filter((w) => w.length >= 3);
  // Refused outright when contained; all of them also make zxcvbn count matching parts as easy guesses.
  const contained = [address, local, fullName].filter((w) => w.length >= 3);
  return { contained, hints: [...contained, ...nameWords] };
}

/** How guessable `password` is for this account, and why it is refused if it is. */
export function assessPassword(password: string, context: PasswordContext = {}): PasswordAssessment {
  const personal = personalWords(context);
  const lower = password.toLowerCase();
  const result: ZxcvbnResult = zxcvbn().check(password.slice(0, 128), personal.hints);
  const suggestion = result.feedback.suggestions[0] ?? null;
  if (personal.contained.some((word) => lower.includes(word))) return { score: 0, problem: PERSONAL_DATA, suggestion };
  if (result.score < MIN_SCORE) return { score: result.score, problem: result.feedback.warning ? `${result.feedback.warning} ${TOO_GUESSABLE}` : TOO_GUESSABLE, suggestion };
  return { score: result.score, problem: null, suggestion: null };
}

/** The server's check: the reason a new password is refused, or null. */
export function passwordPolicyProblem(password: string, context: PasswordContext): string | null {
  return assessPassword(password, context).problem;
}

/** The server's check as a refusal of the form field `field`, or null when the password is acceptable. */
export function refusePolicyViolation(field: string, password: string, context: PasswordContext, message = "Please correct the highlighted fields.") {
  const problem = passwordPolicyProblem(password, context);
  return problem ? fail("invalid", message, { [field]: [problem] }) : null;
}
