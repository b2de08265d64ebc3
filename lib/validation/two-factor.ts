// Forms of the account security page (app/(dashboard)/account/security). Strict: any other
// field is refused, not ignored.
import { z } from "zod";

export const totpCodeInput = z
  .object({ code: z.string().trim().regex(/^\d{6}$/, "Enter the 6 digits your authenticator app shows.") })
  .strict();

export const passwordConfirmInput = z
  .object({ password: z.string().min(1, "Enter your password.").max(1024, "A password has at most 1024 characters.") })
  .strict();

export const sessionIdInput = z.object({ sessionId: z.string().min(1).max(100) }).strict();

export const noInput = z.object({}).strict();
