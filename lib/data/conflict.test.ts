import { describe, expect, it } from "vitest";
import { changedFields, describeValue } from "./conflict";

describe("describeValue", () => {
  it("gives text, numbers and flags as they are and empty values as an empty string", () => {
    expect(describeValue("Tabriz Central Prison")).toBe("Tabriz Central Prison");
    expect(describeValue(74)).toBe("74");
    expect(describeValue(false)).toBe("false");
    expect(describeValue(null)).toBe("");
    expect(describeValue(undefined)).toBe("");
    expect(describeValue([])).toBe("");
  });

  it("names records by their name, title or charge, and joins lists", () => {
    expect(describeValue(["solitary_confinement", "no_lawyer"])).toBe("solitary_confinement; no_lawyer");
    expect(describeValue([{ id: "s1", title: "HRANA report", confidential: false }, { id: "s2", title: "Testimony" }])).toBe("HRANA report; Testimony");
    expect(describeValue([{ text: "propaganda against the state", article: "Article 500" }])).toBe("propaganda against the state, Article 500");
    expect(describeValue({ name: "آیدین", script: "PERSO_ARABIC" })).toBe("آیدین");
    expect(describeValue({ amount: 5 })).toBe('{"amount":5}');
  });

  it("cuts a long value short", () => {
    const text = describeValue("x".repeat(1000));
    expect(text).toHaveLength(300);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("changedFields", () => {
  it("lists the top-level fields that differ, without the version and timestamps", () => {
    expect(changedFields({ name: "A", city: "Tabriz", version: 1, updatedAt: "x" }, { name: "A", city: "Urmia", version: 2, updatedAt: "y", note: "new" })).toEqual(["city", "note"]);
  });
});
