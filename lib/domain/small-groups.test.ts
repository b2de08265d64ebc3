import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_PUBLIC_GROUP, groupsToSuppress } from "./small-groups";

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe("groupsToSuppress", () => {
  it("hides every group of one or two people, and nothing else, without complementary suppression", () => {
    expect(sorted(groupsToSuppress([5, 1, 2, 3, 0], { complementary: false }))).toEqual([1, 2]);
  });

  it("hides the smallest shown group too when one hidden group could be recovered from the total", () => {
    // Total 12: showing 5, 4 and 2 would give the hidden group as 12 - 11 = 1.
    expect(sorted(groupsToSuppress([5, 1, 4, 3], { complementary: true }))).toEqual([1, 3]);
  });

  it("needs no complementary group when the hidden ones already hold three people", () => {
    expect(sorted(groupsToSuppress([5, 1, 2, 4], { complementary: true }))).toEqual([1, 2]);
  });

  it("leaves breakdowns without small groups alone", () => {
    expect(groupsToSuppress([3, 4, 0], { complementary: true }).size).toBe(0);
  });

  it("never shows a group below three, and never leaves hidden groups that total fewer than three while one can still be hidden", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 8 }), { maxLength: 12 }), (people) => {
        const hidden = groupsToSuppress(people, { complementary: true });
        people.forEach((n, i) => {
          if (n > 0 && n < MIN_PUBLIC_GROUP) expect(hidden.has(i)).toBe(true);
          if (n === 0) expect(hidden.has(i)).toBe(false);
        });
        const hiddenPeople = [...hidden].reduce((s, i) => s + (people[i] ?? 0), 0);
        const shownNonEmpty = people.filter((n, i) => n > 0 && !hidden.has(i)).length;
        if (hidden.size > 0 && shownNonEmpty > 0) expect(hiddenPeople).toBeGreaterThanOrEqual(MIN_PUBLIC_GROUP);
      }),
    );
  });
});
