// Imported first by commands that also run on their own (reconcile, worker, admin:create): see connectToLocalStackOrExit.
import { basename, extname } from "node:path";
import { connectToLocalStackOrExit } from "./local-stack";

const script = process.argv[1] ?? "gatehouse";
connectToLocalStackOrExit(basename(script, extname(script)));
