// The version a form loaded a record at; sent back with every update and delete.
import { z } from "zod";

export const versionSchema = z.number({ error: "Version is missing: reload the page" }).int().min(1).max(2_147_483_647);
