import { z } from "zod";

/**
 * A record id as the database makes them (cuid: lower-case letters and digits), bounded. Every id a client sends
 * (bound action arguments, form fields) goes through this, so a NUL byte, a control character or a megabyte of text
 * is refused as invalid input before any query runs.
 */
export const idSchema = z
  .string({ error: "That item does not exist." })
  .min(1, "That item does not exist.")
  .max(64, "That item does not exist.")
  .regex(/^[A-Za-z0-9_-]+$/, "That item does not exist.");
