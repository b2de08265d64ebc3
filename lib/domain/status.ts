// Status of a case, derived from its timeline (never edited by hand).
//
// The status is the LAST KNOWN one: for many detainees no news follows the arrest, so the
// UI always shows it with the date of the event it comes from ("Detained — last known
// Oct 2020"). `statusEvent` is that event.

import { activeTimeline } from "./timeline";
import type { CaseStatus, TimelineEvent } from "./types";

export interface CaseState<T extends TimelineEvent = TimelineEvent> {
  status: CaseStatus;
  /** The last event that set or confirmed the status; its date is the "last known" date. */
  statusEvent: T | null;
  /** Whether the person is held (including disappeared) after the last event. */
  inCustody: boolean;
  currentFacilityId: string | null;
  currentFacilityName: string | null;
  /** The first ARREST, or the first DETENTION when the case has no ARREST. */
  arrest: T | null;
}

/*
 * STATUS RULES. Walk the events in position order, soft-deleted events skipped, keeping
 * three facts: in custody (yes/no), sentenced (a sentence exists that no overturning appeal
 * or acquittal has cancelled) and the current facility. Each event below sets the status
 * and becomes the status event, even when the status value does not change (a later
 * TRANSFER is newer evidence of detention than the ARREST):
 *
 * - SUMMONS: SUMMONED, but only while no other event has set a status (a case that was
 *   only summoned); after anything else a summons changes nothing.
 * - ARREST, DETENTION, TRANSFER, INCOMMUNICADO: in custody; IMPRISONED if sentenced, else
 *   DETAINED. A DETENTION or TRANSFER naming a facility makes it the current facility; an
 *   ARREST clears the facility (a new custody episode); an INCOMMUNICADO, or a DETENTION or
 *   TRANSFER without a facility, leaves it as it is.
 * - DISAPPEARANCE: in custody with whereabouts unknown: DISAPPEARED, facility cleared.
 * - BAIL: out of custody, RELEASED_ON_BAIL.
 * - TEMPORARY_RELEASE: out of custody; SENTENCED if sentenced, else RELEASED_ON_BAIL.
 * - SENTENCE: sentenced; IMPRISONED if in custody, else SENTENCED. (Confidence is not
 *   looked at: a low-confidence SENTENCE is ignored for the sentence NUMBERS only.)
 * - APPEAL with outcome OVERTURNED: not sentenced, out of custody, ACQUITTED.
 *   APPEAL with any other (or no) outcome: sentenced; IMPRISONED if in custody, else
 *   SENTENCED.
 * - ACQUITTAL: not sentenced, out of custody, ACQUITTED.
 * - RELEASE: out of custody; CONDITIONALLY_RELEASED when its releaseType is
 *   ELECTRONIC_MONITORING or CONDITIONAL, RELEASED for any other type (or none).
 * - CHARGE, TRIAL, ILL_TREATMENT, HUNGER_STRIKE, RESTRICTION, OTHER: no change.
 * - Leaving custody clears the facility: the current facility is null whenever the person
 *   is out of custody (and while disappeared, until a facility is named again).
 * - No event that sets a status (or no events at all): UNKNOWN, no status event.
 */
export function deriveCaseState<T extends TimelineEvent>(events: readonly T[]): CaseState<T> {
  const timeline = activeTimeline(events);

  let status: CaseStatus = "UNKNOWN";
  let statusEvent: T | null = null;
  let setByOtherThanSummons = false;
  let inCustody = false;
  let sentenced = false;
  let facilityId: string | null = null;
  let facilityName: string | null = null;

  const set = (e: T, next: CaseStatus) => {
    status = next;
    statusEvent = e;
    setByOtherThanSummons = true;
  };
  const clearFacility = () => {
    facilityId = null;
    facilityName = null;
  };
  const leaveCustody = () => {
    inCustody = false;
    clearFacility();
  };

  for (const e of timeline) {
    switch (e.type) {
      case "SUMMONS":
        if (!setByOtherThanSummons) {
          status = "SUMMONED";
          statusEvent = e;
        }
        break;
      case "ARREST":
      case "DETENTION":
      case "TRANSFER":
      case "INCOMMUNICADO":
        inCustody = true;
        if (e.type === "ARREST") clearFacility();
        if ((e.type === "DETENTION" || e.type === "TRANSFER") && (e.facilityId != null || e.facilityName != null)) {
          facilityId = e.facilityId ?? null;
          facilityName = e.facilityName ?? null;
        }
        set(e, sentenced ? "IMPRISONED" : "DETAINED");
        break;
      case "DISAPPEARANCE":
        inCustody = true;
        clearFacility();
        set(e, "DISAPPEARED");
        break;
      case "BAIL":
        leaveCustody();
        set(e, "RELEASED_ON_BAIL");
        break;
      case "TEMPORARY_RELEASE":
        leaveCustody();
        set(e, sentenced ? "SENTENCED" : "RELEASED_ON_BAIL");
        break;
      case "SENTENCE":
        sentenced = true;
        set(e, inCustody ? "IMPRISONED" : "SENTENCED");
        break;
      case "APPEAL":
        if (e.appealOutcome === "OVERTURNED") {
          sentenced = false;
          leaveCustody();
          set(e, "ACQUITTED");
        } else {
          sentenced = true;
          set(e, inCustody ? "IMPRISONED" : "SENTENCED");
        }
        break;
      case "ACQUITTAL":
        sentenced = false;
        leaveCustody();
        set(e, "ACQUITTED");
        break;
      case "RELEASE":
        leaveCustody();
        set(e, e.releaseType === "ELECTRONIC_MONITORING" || e.releaseType === "CONDITIONAL" ? "CONDITIONALLY_RELEASED" : "RELEASED");
        break;
      case "CHARGE":
      case "TRIAL":
      case "ILL_TREATMENT":
      case "HUNGER_STRIKE":
      case "RESTRICTION":
      case "OTHER":
        break;
      default: {
        // A new EventType must get a rule here: this line stops compiling until it does.
        const unhandled: never = e.type;
        throw new Error(`No status rule for event type ${String(unhandled)}`);
      }
    }
  }

  const arrest = timeline.find((e) => e.type === "ARREST") ?? timeline.find((e) => e.type === "DETENTION") ?? null;

  return {
    status,
    statusEvent,
    inCustody,
    currentFacilityId: inCustody ? facilityId : null,
    currentFacilityName: inCustody ? facilityName : null,
    arrest,
  };
}
