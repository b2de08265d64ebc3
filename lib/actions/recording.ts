"use server";
// Server actions for recording people, cases, incidents, events and sources. Each one goes
// through `action` (session, strict schema, typed result) and calls one data-layer
// mutation, which authorizes and audits on its own. Nothing here touches Prisma.
import { action } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { createCase, deleteCase, restoreCase, updateCase } from "@/lib/data/case-mutations";
import { createEvent, deleteEvent, moveEvent, restoreEvent, updateEvent } from "@/lib/data/event-mutations";
import { createIncident, deleteIncident, restoreIncident, updateIncident } from "@/lib/data/incident-mutations";
import { findSimilarPeople, type DuplicateCandidate } from "@/lib/data/person-duplicates";
import { createPerson, deletePerson, restorePerson, updatePerson } from "@/lib/data/person-mutations";
import { createSource, deleteSource, restoreSource, updateSource } from "@/lib/data/source-mutations";
import { z } from "zod";
import {
  createCaseInput,
  createEventInput,
  createIncidentInput,
  createPersonInput,
  createSourceInput,
  deleteInput,
  moveEventInput,
  restoreInput,
  updateCaseInput,
  updateEventInput,
  updateIncidentInput,
  updatePersonInput,
  updateSourceInput,
} from "@/lib/validation/recording-actions";
import { checkText } from "@/lib/validation/text-rules";

type Saved = ActionResult<{ id: string; version: number }>;

export async function createPersonAction(input: unknown): Promise<Saved> {
  return action(createPersonInput, input, (actor, d) => createPerson(actor, d.values));
}
export async function updatePersonAction(input: unknown): Promise<Saved> {
  return action(updatePersonInput, input, (actor, d) => updatePerson(actor, d.id, d.version, d.values));
}
export async function deletePersonAction(input: unknown): Promise<Saved> {
  return action(deleteInput, input, (actor, d) => deletePerson(actor, d.id, d.version));
}

export async function createCaseAction(input: unknown): Promise<Saved> {
  return action(createCaseInput, input, (actor, d) => createCase(actor, d.values));
}
export async function updateCaseAction(input: unknown): Promise<Saved> {
  return action(updateCaseInput, input, (actor, d) => updateCase(actor, d.id, d.version, d.values));
}
export async function deleteCaseAction(input: unknown): Promise<Saved> {
  return action(deleteInput, input, (actor, d) => deleteCase(actor, d.id, d.version));
}

export async function createIncidentAction(input: unknown): Promise<Saved> {
  return action(createIncidentInput, input, (actor, d) => createIncident(actor, d.values));
}
export async function updateIncidentAction(input: unknown): Promise<Saved> {
  return action(updateIncidentInput, input, (actor, d) => updateIncident(actor, d.id, d.version, d.values));
}
export async function deleteIncidentAction(input: unknown): Promise<Saved> {
  return action(deleteInput, input, (actor, d) => deleteIncident(actor, d.id, d.version));
}

export async function createEventAction(input: unknown): Promise<Saved> {
  return action(createEventInput, input, (actor, d) => createEvent(actor, d.caseId, d.values));
}
export async function updateEventAction(input: unknown): Promise<Saved> {
  return action(updateEventInput, input, (actor, d) => updateEvent(actor, d.id, d.version, d.values));
}
export async function deleteEventAction(input: unknown): Promise<Saved> {
  return action(deleteInput, input, (actor, d) => deleteEvent(actor, d.id, d.version));
}
/** One place earlier or later in the case's timeline (an undated event, events of one day). */
export async function moveEventAction(input: unknown): Promise<Saved> {
  return action(moveEventInput, input, (actor, d) => moveEvent(actor, d.id, d.version, d.direction));
}

export async function createSourceAction(input: unknown): Promise<Saved> {
  return action(createSourceInput, input, (actor, d) => createSource(actor, d.values));
}
export async function updateSourceAction(input: unknown): Promise<Saved> {
  return action(updateSourceInput, input, (actor, d) => updateSource(actor, d.id, d.version, d.values));
}
export async function deleteSourceAction(input: unknown): Promise<Saved> {
  return action(deleteInput, input, (actor, d) => deleteSource(actor, d.id, d.version));
}

/** ADMIN only (the data layer checks): brings a soft-deleted record back. */
export async function restoreRecordAction(input: unknown): Promise<Saved> {
  return action(restoreInput, input, (actor, d) => {
    switch (d.kind) {
      case "person":
        return restorePerson(actor, d.id);
      case "case":
        return restoreCase(actor, d.id);
      case "incident":
        return restoreIncident(actor, d.id);
      case "event":
        return restoreEvent(actor, d.id);
      case "source":
        return restoreSource(actor, d.id);
    }
  });
}

// Searched in the database as typed: the shared text rules keep a NUL out of the query.
const searchedName = (label: string) => z.string().max(300).superRefine(checkText(label));
const similarInput = z.strictObject({ name: searchedName("Name"), aliases: z.array(searchedName("Alias")).max(50) });

/** People already recorded with a close name or alias: shown as a warning before a new person is saved. */
export async function similarPeopleAction(input: unknown): Promise<ActionResult<DuplicateCandidate[]>> {
  return action(similarInput, input, (actor, d) => findSimilarPeople(actor, d.name, d.aliases));
}
