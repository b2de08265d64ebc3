// Small-group suppression for published aggregates (the public page, app/(public)/stats):
// a figure about one or two people can identify them, so any group of fewer than
// MIN_PUBLIC_GROUP people is shown as "< 3" instead of its numbers.

export const MIN_PUBLIC_GROUP = 3;
export const FEWER_THAN_MIN_PUBLIC_GROUP = "< 3" as const;

/*
 * Which groups of one breakdown to hide, given the number of people in each:
 * - PRIMARY: every group of 1 or 2 people. (Groups of 0 people are not published at all;
 *   callers drop them, so "< 3" never has to stand for "none".)
 * - COMPLEMENTARY, for breakdowns published next to their total (a partition: statuses,
 *   courts, cities, months, ranges): the hidden groups add up to the total minus the shown
 *   ones, so a single hidden group could be recovered by subtraction. While the hidden
 *   groups together hold fewer than MIN_PUBLIC_GROUP people, the smallest shown group is
 *   hidden too. (Their people are summed: an upper bound when one person is in two groups.)
 * Returns the indexes to hide.
 */
export function groupsToSuppress(people: readonly number[], options: { complementary: boolean }): Set<number> {
  const hidden = new Set<number>();
  people.forEach((n, i) => {
    if (n > 0 && n < MIN_PUBLIC_GROUP) hidden.add(i);
  });
  if (!options.complementary || hidden.size === 0) return hidden;

  const hiddenPeople = () => [...hidden].reduce((sum, i) => sum + (people[i] ?? 0), 0);
  const shownBySize = people
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => n > 0 && !hidden.has(i))
    .sort((a, b) => a.n - b.n || a.i - b.i);
  while (hiddenPeople() < MIN_PUBLIC_GROUP && shownBySize.length > 0) {
    hidden.add((shownBySize.shift() as { i: number }).i);
  }
  return hidden;
}
