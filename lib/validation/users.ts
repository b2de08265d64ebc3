// Account management inputs: the ADMIN's user forms, the invitation page and a user's own
// password change. Strict: a forged extra key ("passwordHash", "disabledAt") is refused,
// not ignored. New passwords pass the policy in lib/validation/password.ts.
import { z } from "zod";
import { idField, requiredName } from "@/lib/validation/fields";
import { existingPasswordField, newPasswordField } from "@/lib/validation/password";

export const USER_ROLES = ["VIEWER", "EDITOR", "ADMIN"] as const;
/** How the user gets their first (or a new) password: a one-time link, or a temporary password. */
export const CREDENTIAL_METHODS = ["link", "temporaryPassword"] as const;
export type CredentialMethod = (typeof CREDENTIAL_METHODS)[number];

export const EMAIL_MAX = 320;

const email = z
  .string({ error: "Email is required" })
  .trim()
  .min(1, { error: "Email is required" })
  .max(EMAIL_MAX, { error: `Email must be at most ${EMAIL_MAX} characters` })
  .pipe(z.email({ error: "Email is not a valid email address" }))
  .transform((s) => s.toLowerCase());

const role = z.enum(USER_ROLES, { error: "Choose a role: viewer, editor or administrator" });
const method = z.enum(CREDENTIAL_METHODS, { error: "Choose how the user sets a password: a one-time link or a temporary password" });
const userId = idField("User");

export const inviteUserInput = z.strictObject({
  name: requiredName("Name", 200),
  email,
  role,
  method,
});
export type InviteUserInput = z.output<typeof inviteUserInput>;

export const changeRoleInput = z.strictObject({ userId, role });
export const userIdInput = z.strictObject({ userId });
export const resetPasswordInput = z.strictObject({ userId, method });

/** The invitation / reset link's token: 32 random bytes, base64url (43 characters). */
export const inviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "This link is not valid" });

function confirmed<T extends { newPassword: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.newPassword !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords are not the same" });
  }
}

export const acceptInviteInput = z
  .strictObject({
    token: inviteToken,
    newPassword: newPasswordField("Password"),
    confirmPassword: z.string({ error: "Repeat the password" }),
  })
  .superRefine(confirmed);

export const changeOwnPasswordInput = z
  .strictObject({
    currentPassword: existingPasswordField("Current password"),
    newPassword: newPasswordField("New password"),
    confirmPassword: z.string({ error: "Repeat the new password" }),
  })
  .superRefine(confirmed)
  .superRefine((value, ctx) => {
    if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "New password must differ from the current one" });
    }
  });
