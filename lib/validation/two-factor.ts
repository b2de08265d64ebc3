// Forms of the account security page (app/(dashboard)/account/security). Strict: any other
// field is refused, not ignored.
import { z } from "zod";
import { checkText } from "@/lib/validation/text-rules";

export const totpCodeInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "Enter the 6 digits your authenticator app shows."),
  })
  .strict();

export const passwordConfirmInput = z
  .object({ password: z.string().min(1, "Enter your password.").max(1024, "A password has at most 1024 characters.") })
  .strict();

// Looked up in the database: the shared text rules keep a NUL out of the query.
export const sessionIdInput = z.object({ sessionId: z.string().min(1).max(100).superRefine(checkText("Session")) }).strict();

export const noInput = z.object({}).strict();
