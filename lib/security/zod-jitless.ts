// Zod compiles object parsers with `new Function` when the environment allows it, and
// probes for that with `Function("")` on the first parse. Under the CSP (no 'unsafe-eval')
// the browser refuses the probe and reports a violation; zod then parses without the JIT
// anyway. Switching the JIT off before any parse keeps the policy strict and the console
// clean. Loaded in the browser before hydration by instrumentation-client.ts.
import { config } from "zod";

config({ jitless: true });
