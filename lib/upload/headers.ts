// The security headers proxy.ts sets on every answer it sees, for the upload routes it does
// not run on (lib/upload/body.ts says why): same values, from the same function.
import { env } from "@/lib/env";
import { cameOverHttps, generateNonce, securityHeaders } from "@/lib/security/headers";

export function withSecurityHeaders<R extends Response>(response: R, req: Request): R {
  const headers = securityHeaders({
    nonce: generateNonce(),
    https: cameOverHttps(req.url, req.headers.get("x-forwarded-proto")),
    development: env().NODE_ENV === "development",
  });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
