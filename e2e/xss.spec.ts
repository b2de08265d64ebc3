// `<img src=x onerror=alert(1)>` typed into every free-text field of a person, a case, its
// events, an incident and sources, through the forms alone; then every page that shows
// them: the text appears literally, the server's HTML never contains the markup unescaped,
// no <img src=x> element exists in the page, no dialog opens and the CSP reports nothing.
import { expect, test, type Page } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";
import { concreteUrl, pageRoutes, recordViolations, settle, type Recorder } from "./security-helpers";

const PAYLOAD = "<img src=x onerror=alert(1)>";
const suffix = Date.now().toString(36);
/** A field's value: a tag naming the field (to find it on the pages), then the payload. */
const v = (tag: string) => `${tag}-${suffix} ${PAYLOAD}`;

const PERSON = {
  name: v("PersonName"),
  alias: v("Alias"),
  homeCity: v("HomeCity"),
  province: v("Province"),
  description: v("PersonDescription"),
  restricted: v("RestrictedNotes"),
  relationKind: v("RelationKind"),
};
const CASE = { summary: v("CaseSummary") };
const SOURCE = { title: v("SourceTitle"), publisher: v("SourcePublisher"), via: v("SourceVia"), language: PAYLOAD };
const INLINE_SOURCE = { title: v("InlineSourceTitle"), publisher: v("InlineSourcePublisher") };
const INCIDENT = {
  title: v("IncidentTitle"),
  dateText: v("IncidentDateText"),
  province: v("IncidentProvince"),
  city: v("IncidentCity"),
  place: v("IncidentPlace"),
  description: v("IncidentDescription"),
  reportedNote: v("ReportedNote"),
  note: v("IncidentNote"),
};
const ARREST = {
  dateText: v("ArrestDateText"),
  city: v("ArrestCity"),
  place: v("ArrestPlace"),
  authority: v("ArrestAuthority"),
  description: v("ArrestDescription"),
  note: v("ArrestNote"),
};
const DETENTION = { facility: v("Facility"), description: v("DetentionDescription") };
const SENTENCE = {
  court: v("Court"),
  branch: v("Branch"),
  judge: v("Judge"),
  chargeText: v("ChargeText"),
  chargeArticle: v("ChargeArticle"),
  note: v("SentenceNote"),
};
const ILL_TREATMENT = { injuries: v("Injuries") };

let sourceId = "";
let incidentUrl = "";
let personUrl = "";
let caseUrl = "";

test.describe.configure({ mode: "serial" });

async function ready(page: Page, form: string) {
  await expect(page.getByTestId(form)).toHaveAttribute("data-ready", "true");
}

/** Ticks the source this spec created in a form's Sources group. */
async function pickOurSource(page: Page) {
  await page
    .getByRole("group", { name: "Sources" })
    .getByRole("checkbox", { name: new RegExp(`^SourceTitle-${suffix}`) })
    .check();
}

async function addEvent(page: Page, type: string, fill: () => Promise<void>) {
  await page.goto(`${caseUrl}/events/new?type=${type}`);
  await ready(page, "event-form");
  await page.getByLabel("Date precision").selectOption({ label: "Exact day" });
  await page.locator("#event-date").fill("2022-09-22");
  await fill();
  await pickOurSource(page);
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(caseUrl);
}

test("an editor saves the payload in every free-text field through the forms", async ({ page }) => {
  test.setTimeout(180_000);
  const recorder = await recordViolations(page);
  await signIn(page, "ADMIN");

  // A source.
  await page.goto("/sources/new");
  await ready(page, "source-form");
  await page.locator("#source-title").fill(SOURCE.title);
  await page.locator("#source-publisher").fill(SOURCE.publisher);
  await page.locator("#source-via").fill(SOURCE.via);
  await page.locator("#source-language").fill(SOURCE.language);
  await page.locator("#source-url").fill("https://example.org/xss-test");
  await page.locator("#source-date").fill("2022-09");
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(/\/sources$/);
  sourceId = await withTestDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM sources WHERE title = $1", [SOURCE.title])).rows[0]!.id);

  // An incident citing it.
  await page.goto("/incidents/new");
  await ready(page, "incident-form");
  await page.locator("#incident-title").fill(INCIDENT.title);
  await page.getByLabel("Date precision").selectOption({ label: "Exact day" });
  await page.locator("#incident-date").fill("2022-09-21");
  await page.locator("#incident-date-text").fill(INCIDENT.dateText);
  await page.locator("#incident-province").fill(INCIDENT.province);
  await page.locator("#incident-city").fill(INCIDENT.city);
  await page.locator("#incident-place").fill(INCIDENT.place);
  await page.locator("#incident-description").fill(INCIDENT.description);
  await page.locator("#incident-reported").fill("40");
  await page.locator("#incident-reported-note").fill(INCIDENT.reportedNote);
  await page.locator("#incident-note").fill(INCIDENT.note);
  await pickOurSource(page);
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
  incidentUrl = new URL(page.url()).pathname;

  // A person with an alias and a relation to a demo person.
  await page.goto("/people/new");
  await ready(page, "person-form");
  await page.locator("#person-name").fill(PERSON.name);
  await page.getByRole("button", { name: "Add a spelling" }).click();
  await page.locator("#alias-0-name").fill(PERSON.alias);
  await page.locator("#person-home-city").fill(PERSON.homeCity);
  await page.locator("#person-province").fill(PERSON.province);
  await page.locator("#person-description").fill(PERSON.description);
  await page.locator("#person-restricted").fill(PERSON.restricted);
  await page.getByRole("button", { name: "Add a relation" }).click();
  await page.locator("#relation-0-person").selectOption({ label: "Salar Tahir Afshar" });
  await page.locator("#relation-0-kind").fill(PERSON.relationKind);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("person-name")).toHaveText(PERSON.name);
  personUrl = new URL(page.url()).pathname;

  // Their case at the incident.
  await page.getByRole("link", { name: "New case" }).click();
  await ready(page, "case-form");
  await page.locator("#case-incident").selectOption({ label: INCIDENT.title });
  await page.locator("#case-summary").fill(CASE.summary);
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(/\/cases\/(?!new)[^/?]+$/);
  caseUrl = new URL(page.url()).pathname;

  // Events with every free-text field, one of them adding a new source inline.
  await addEvent(page, "ARREST", async () => {
    await page.locator("#event-date-text").fill(ARREST.dateText);
    await page.locator("#event-city").fill(ARREST.city);
    await page.locator("#event-place").fill(ARREST.place);
    await page.locator("#event-authority").fill(ARREST.authority);
    await page.locator("#event-description").fill(ARREST.description);
    await page.locator("#event-note").fill(ARREST.note);
    await page.getByText("Add a new source").click();
    await page.locator("#new-source-title").fill(INLINE_SOURCE.title);
    await page.locator("#new-source-publisher").fill(INLINE_SOURCE.publisher);
  });
  await addEvent(page, "DETENTION", async () => {
    await page.locator("#event-facility").fill(DETENTION.facility);
    await page.locator("#event-description").fill(DETENTION.description);
  });
  await addEvent(page, "SENTENCE", async () => {
    await page.locator("#event-court").fill(SENTENCE.court);
    await page.locator("#event-branch").fill(SENTENCE.branch);
    await page.locator("#event-judge").fill(SENTENCE.judge);
    await page.locator("#event-years").fill("1");
    await page.locator("#event-lashes").fill("10");
    await page.getByRole("button", { name: "Add a charge" }).click();
    await page.locator("#charge-0-text").fill(SENTENCE.chargeText);
    await page.locator("#charge-0-article").fill(SENTENCE.chargeArticle);
    await page.locator("#event-note").fill(SENTENCE.note);
  });
  await addEvent(page, "ILL_TREATMENT", async () => {
    await page.locator("#event-injuries").fill(ILL_TREATMENT.injuries);
  });

  // Stored exactly as typed (nothing stripped on the way in: safety comes from the output).
  const stored = await withTestDatabase(
    async (db) =>
      (await db.query<{ n: string }>("SELECT count(*) AS n FROM people WHERE name = $1 AND restricted_notes = $2", [PERSON.name, PERSON.restricted])).rows[0]!
        .n,
  );
  expect(stored).toBe("1");
  const { violations, dialogs } = await recorder.take();
  expect(violations).toEqual([]);
  expect(dialogs).toEqual([]);
});

/** Visits `url` and checks that the payload stays text: in the server's HTML, in the DOM, for the browser. */
async function visitSafely(page: Page, recorder: Recorder, url: string, expectTexts: string[] = []) {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  expect(response!.status(), url).toBeLessThan(400);
  const html = await response!.text();
  // React escapes text and attributes; Next escapes "<" inside its inline payloads.
  expect(html.toLowerCase(), `unescaped markup in the HTML of ${url}`).not.toContain("<img src=x");
  await settle(page);
  for (const text of expectTexts) await expect(page.locator("body"), `${url} shows the text literally`).toContainText(text);
  expect(await page.locator('img[src="x"]').count(), `an <img src=x> element on ${url}`).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll("[onerror]").length), `an onerror attribute on ${url}`).toBe(0);
  const { violations, dialogs } = await recorder.take();
  expect(dialogs, `dialogs on ${url}`).toEqual([]);
  expect(violations, `CSP violations on ${url}`).toEqual([]);
}

const EVENT_TEXTS = [
  ...Object.values(ARREST),
  ...Object.values(DETENTION),
  SENTENCE.court,
  SENTENCE.branch,
  SENTENCE.judge,
  SENTENCE.chargeText,
  SENTENCE.chargeArticle,
  SENTENCE.note,
  ILL_TREATMENT.injuries,
];

test("every page that shows the fields shows them as text, and no dialog opens", async ({ page }) => {
  test.setTimeout(240_000);
  const recorder = await recordViolations(page);
  await signIn(page, "ADMIN");
  const tag = (s: string) => s.slice(0, s.indexOf(" "));

  await visitSafely(page, recorder, personUrl, [
    PERSON.name,
    PERSON.alias,
    PERSON.homeCity,
    PERSON.description,
    PERSON.restricted,
    PERSON.relationKind,
    CASE.summary,
    INCIDENT.title,
    ...EVENT_TEXTS,
  ]);
  await visitSafely(page, recorder, caseUrl, [PERSON.name, CASE.summary, INCIDENT.title, SOURCE.title, INLINE_SOURCE.title, ...EVENT_TEXTS]);
  await visitSafely(page, recorder, incidentUrl, [
    INCIDENT.title,
    INCIDENT.dateText,
    INCIDENT.city,
    INCIDENT.place,
    INCIDENT.description,
    INCIDENT.reportedNote,
    INCIDENT.note,
    SOURCE.title,
    PERSON.name,
  ]);
  await visitSafely(page, recorder, "/people?pageSize=100", [PERSON.name]);
  await visitSafely(page, recorder, `/cases?q=${encodeURIComponent(tag(PERSON.name))}`, [PERSON.name, INCIDENT.title]);
  await visitSafely(page, recorder, "/cases?pageSize=100&sort=-updatedAt", [PERSON.name]);
  await visitSafely(page, recorder, "/incidents", [INCIDENT.title]);
  await visitSafely(page, recorder, "/sources", [SOURCE.title, SOURCE.publisher, INLINE_SOURCE.title]);
  await visitSafely(page, recorder, "/dashboard");

  // The dashboard's charts: hover each bar so tooltips with names (courts, cities) render.
  const bars = page.locator(".recharts-bar-rectangle");
  for (let i = 0; i < Math.min(await bars.count(), 40); i++) await bars.nth(i).hover({ force: true });
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect((await recorder.take()).dialogs).toEqual([]);

  // Every page of the app (edit forms, admin pages, whatever exists now) with these records.
  const eventId = await withTestDatabase(
    async (db) =>
      (await db.query<{ id: string }>("SELECT id FROM case_events WHERE case_id = $1 ORDER BY position DESC LIMIT 1", [caseUrl.split("/").pop()])).rows[0]!.id,
  );
  const userId = await withTestDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'admin@demo.local'")).rows[0]!.id);
  const params = {
    personId: personUrl.split("/").pop()!,
    caseId: caseUrl.split("/").pop()!,
    incidentId: incidentUrl.split("/").pop()!,
    sourceId,
    eventId,
    userId,
    token: "x".repeat(43),
  };
  for (const route of pageRoutes().filter((r) => r !== "/login" && r !== "/stats")) {
    await visitSafely(page, recorder, concreteUrl(route, params));
  }
  // The edit forms hold the values as typed.
  await page.goto(`${personUrl}/edit`);
  await ready(page, "person-form");
  await expect(page.locator("#person-name")).toHaveValue(PERSON.name);
  await expect(page.locator("#person-restricted")).toHaveValue(PERSON.restricted);
});

test("a VIEWER's pages show the public fields as text too", async ({ page }) => {
  const recorder = await recordViolations(page);
  await signIn(page, "VIEWER");
  await visitSafely(page, recorder, personUrl, [PERSON.name, PERSON.alias, PERSON.description, CASE.summary, ...EVENT_TEXTS]);
  await expect(page.locator("body")).not.toContainText(PERSON.restricted);
  await visitSafely(page, recorder, caseUrl, [CASE.summary, SOURCE.title]);
  await visitSafely(page, recorder, incidentUrl, [INCIDENT.title, PERSON.name]);
});
