// What a form's server action was called with, as the plain object its strict schema reads.
// A browser posts FormData, but the action's id is discoverable and anyone can call it with
// any serialisable value instead (JSON, a string, nothing): that must reach the schema and
// be refused there as invalid input, not crash the action (it used to answer 500).
/** The form's fields (React's own `$ACTION_…` fields left out), or the value itself when it is not FormData. */
export function formInput(value: unknown): unknown {
  if (!(value instanceof FormData)) return value;
  return Object.fromEntries([...value.entries()].filter(([key]) => !key.startsWith("$ACTION")));
}
