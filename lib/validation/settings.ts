// The ADMIN settings form (app/(dashboard)/admin/settings). Strict: any other field (a
// forged "role", say) is refused, not ignored.
import { z } from "zod";

export const publicAggregatesInput = z.object({ publicAggregates: z.enum(["on", "off"]) }).strict();

/** Whether EDITOR and ADMIN accounts must use two-factor sign-in. */
export const requireTwoFactorInput = z.object({ requireTwoFactor: z.enum(["on", "off"]) }).strict();
