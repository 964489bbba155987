// Runs in the browser before the portal's code. Zod compiles object schemas with `new Function` when it may; under
// the portal's Content-Security-Policy (no 'unsafe-eval') even its probe for that is a reported violation. The
// forms' shared schemas (e.g. the try-it console's) run interpreted in the browser instead.
// Style elements that libraries add from script (sonner's toasts) get the page's nonce, so the policy allows them.
import { z } from "zod";
import { nonceScriptCreatedStyles } from "@/lib/security/script-style-nonce";

z.config({ jitless: true });
nonceScriptCreatedStyles();
