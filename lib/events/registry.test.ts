// The registry against what it describes: the recording schema has one member per event type
// with exactly the registry's fields, and each field has its labels in the catalog.
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/domain/vocab";
import { EVENT_FIELDS, EVENT_FIELD_NAMES, EVENT_TYPE_FIELDS, fieldDef, typesWithField } from "@/lib/events/registry";
import { eventSchema } from "@/lib/validation/event";
import en from "@/messages/en.json";

const COMMON = ["type", "date", "datePrecision", "dateText", "description", "confidence", "note", "sourceIds", "newSources"];

const lookup = (key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), en);

describe("event registry", () => {
  it("the recording schema has one member per event type, with the common fields and the registry's fields of that type", () => {
    const members = eventSchema.options.map((o) => o.shape.type.value);
    expect(members).toEqual([...EVENT_TYPES]);
    for (const option of eventSchema.options) {
      const type = option.shape.type.value;
      expect(Object.keys(option.shape).sort()).toEqual([...COMMON, ...EVENT_TYPE_FIELDS[type]].sort());
    }
  });

  it("every field belongs to at least one type, and a paired money field's currency belongs to the same types", () => {
    for (const name of EVENT_FIELD_NAMES) {
      expect(typesWithField(name).length, name).toBeGreaterThan(0);
      const def = fieldDef(name);
      if (def.kind === "money") expect(typesWithField(def.currency as never)).toEqual(typesWithField(name));
    }
  });

  it("every field has its display, form and History labels in the English catalog", () => {
    for (const name of EVENT_FIELD_NAMES) {
      const def = fieldDef(name);
      expect(typeof lookup(def.labelKey), def.labelKey).toBe("string");
      expect(typeof lookup(`recording.event.${def.formKey ?? name}`), `recording.event.${def.formKey ?? name}`).toBe("string");
      expect(typeof lookup(`historyField.${name}`), `historyField.${name}`).toBe("string");
      if ("catalog" in def && def.catalog) expect(typeof lookup(def.catalog), def.catalog).toBe("object");
      if (def.kind === "partialDate") expect(typeof lookup(`historyField.${name}Precision`), `historyField.${name}Precision`).toBe("string");
    }
  });

  it("CSV column names are unique and snake_case", () => {
    const names = Object.values(EVENT_FIELDS).map((f) => f.csv);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^event_[a-z]+(_[a-z]+)*$/);
  });
});

describe("typedColumns", () => {
  it("writes only CaseEvent columns, and every typed column of the table", async () => {
    const { CaseEventScalarFieldEnum } = await import("@/lib/generated/prisma/internal/prismaNamespaceBrowser");
    const { typedColumns } = await import("@/lib/events/columns");
    const columns = Object.keys(typedColumns({ type: "OTHER" }, { courtId: null, facilityId: null })).sort();
    const untyped = [
      "id",
      "caseId",
      "position",
      "type",
      "date",
      "datePrecision",
      "dateText",
      "description",
      "confidence",
      "note",
      "version",
      "createdAt",
      "updatedAt",
      "deletedAt",
      "createdById",
      "updatedById",
      "key",
    ];
    expect(columns).toEqual(
      Object.keys(CaseEventScalarFieldEnum)
        .filter((c) => !untyped.includes(c))
        .sort(),
    );
  });

  it("sets the fields of the type and clears the others, with the amount in rials computed", async () => {
    const { typedColumns } = await import("@/lib/events/columns");
    const bail = typedColumns({ type: "BAIL", amount: "5000000", currency: "IRT", lashes: 74 }, { courtId: "c1", facilityId: "f1" });
    expect(bail).toMatchObject({ amount: "5000000", currency: "IRT", amountRials: "50000000", lashes: null, courtId: null, facilityId: null, conditions: [] });
  });
});
