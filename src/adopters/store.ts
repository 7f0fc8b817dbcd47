// SQL for adopter households. (Extended by the adopters area.)
import type { Db } from '../core/db.ts';

export interface NewApplicant {
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  sex?: string | null;
  ethnicity?: string | null;
  disabled?: boolean;
}

/** A new household and its applicants (1 or 2). Other areas call this: keep its signature. */
export async function insertHousehold(db: Db, h: { ownerId: string; homeCouncilId: string | null; reference: string; roiAcceptedOn?: string | null; applicants: NewApplicant[] }): Promise<string> {
  const { id } = await db.insertInto('household')
    .values({ owner_id: h.ownerId, home_council_id: h.homeCouncilId, reference: h.reference, roi_accepted_on: h.roiAcceptedOn ?? null })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('applicant').values(h.applicants.map((a, i) => ({
    household_id: id, position: i + 1, first_name: a.firstName, last_name: a.lastName, date_of_birth: a.dateOfBirth ?? null,
    sex: a.sex ?? null, ethnicity: a.ethnicity ?? null, disabled: a.disabled ?? false,
  }))).execute();
  return id;
}

/** Record that the household completed preparation training (the training area calls this). */
export async function setPreparationCompleted(db: Db, householdId: string, on: string): Promise<void> {
  await db.updateTable('household').set({ preparation_completed_on: on, updated_at: new Date() })
    .where('id', '=', householdId).where('preparation_completed_on', 'is', null).execute();
}
