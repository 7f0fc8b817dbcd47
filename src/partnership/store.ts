// SQL for organisations, memberships and the operating model.
import { sql } from 'kysely';
import type { ServiceFunction } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { Deliverer, Delivery, Membership, Organisation } from './model.ts';

const orgColumns = ['id', 'kind', 'name', 'slug', 'code', 'host_id as hostId'] as const;

export function listOrganisations(db: Db): Promise<Organisation[]> {
  return db.selectFrom('organisation').select(orgColumns).orderBy('name').execute();
}

export function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').select(orgColumns).where('id', '=', id).executeTakeFirst();
}

export function findOrganisationBySlug(db: Db, slug: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisation').select(orgColumns).where('slug', '=', slug).executeTakeFirst();
}

export async function insertOrganisation(db: Db, org: Omit<Organisation, 'id'>): Promise<Organisation> {
  return db.insertInto('organisation')
    .values({ kind: org.kind, name: org.name, slug: org.slug, code: org.code, host_id: org.hostId })
    .returning(orgColumns).executeTakeFirstOrThrow();
}

export function listPartnerships(db: Db, ids: readonly string[]): Promise<Organisation[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisation').select(orgColumns)
    .where('kind', '=', 'partnership').where('id', 'in', ids).orderBy('name').execute();
}

export function membershipsOf(db: Db, partnershipId: string): Promise<Membership[]> {
  return db.selectFrom('membership as m').innerJoin('organisation as o', 'o.id', 'm.member_id')
    .select(['m.id', 'm.partnership_id as partnershipId', 'm.member_id as memberId', 'o.name as memberName',
      'o.code as memberCode', 'o.kind as memberKind', 'm.kind', 'm.joined_on as joinedOn', 'm.left_on as leftOn'])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('m.joined_on').orderBy('o.name').execute();
}

export function insertMembership(db: Db, m: { partnershipId: string; memberId: string; kind: Membership['kind']; joinedOn: string }): Promise<{ id: string }> {
  return db.insertInto('membership')
    .values({ partnership_id: m.partnershipId, member_id: m.memberId, kind: m.kind, joined_on: m.joinedOn })
    .returning('id').executeTakeFirstOrThrow();
}

export async function setLeftOn(db: Db, membershipId: string, leftOn: string): Promise<void> {
  await db.updateTable('membership').set({ left_on: leftOn }).where('id', '=', membershipId).where('left_on', 'is', null).execute();
}

/** The deliverer of every function for every member of the partnership on the day. */
export async function operatingModelOn(db: Db, partnershipId: string, day: string): Promise<Delivery[]> {
  const om = sql<{ partnership_id: string; member_id: string; function_code: string; delivered_by: Deliverer; provider_id: string | null; effective_on: string }>`operating_model_on(${day}::date)`;
  const rows = await db.selectFrom(om.as('om')).leftJoin('organisation as p', 'p.id', 'om.provider_id')
    .select(['om.member_id as memberId', 'om.function_code as functionCode', 'om.delivered_by as deliveredBy',
      'om.provider_id as providerId', 'p.name as providerName', 'om.effective_on as effectiveOn'])
    .where('om.partnership_id', '=', partnershipId).execute();
  return rows.map((r) => ({ ...r, functionCode: r.functionCode as ServiceFunction }));
}

export interface ScheduledChange {
  effectiveOn: string;
  memberId: string;
  memberName: string;
  functionCode: string;
  deliveredBy: Deliverer;
  providerName: string | null;
}

/** Entries taking effect after the day, with the entries they replace. */
export function changesAfter(db: Db, partnershipId: string, day: string): Promise<ScheduledChange[]> {
  return db.selectFrom('operating_model_entry as e')
    .innerJoin('organisation as m', 'm.id', 'e.member_id')
    .leftJoin('organisation as p', 'p.id', 'e.provider_id')
    .select(['e.effective_on as effectiveOn', 'e.member_id as memberId', 'm.name as memberName', 'e.function_code as functionCode',
      'e.delivered_by as deliveredBy', 'p.name as providerName'])
    .where('e.partnership_id', '=', partnershipId).where('e.effective_on', '>', day)
    .orderBy('e.effective_on').orderBy('m.name').execute();
}

/** Every date on which the operating model changed or will change. */
export async function transitionDates(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db.selectFrom('operating_model_entry').select('effective_on').distinct()
    .where('partnership_id', '=', partnershipId).orderBy('effective_on').execute();
  return rows.map((r) => r.effective_on);
}

export interface NewEntry {
  memberId: string;
  functionCode: ServiceFunction;
  effectiveOn: string;
  deliveredBy: Deliverer;
  providerId: string | null;
}

/** Insert entries; a same-day entry for the same member and function is replaced (it has not yet applied to any finished day). */
export async function upsertEntries(db: Db, partnershipId: string, entries: NewEntry[], recordedBy: string | null): Promise<void> {
  if (entries.length === 0) return;
  await db.insertInto('operating_model_entry')
    .values(entries.map((e) => ({
      partnership_id: partnershipId, member_id: e.memberId, function_code: e.functionCode, effective_on: e.effectiveOn,
      delivered_by: e.deliveredBy, provider_id: e.providerId, recorded_by: recordedBy,
    })))
    .onConflict((oc) => oc.columns(['partnership_id', 'member_id', 'function_code', 'effective_on']).doUpdateSet((eb) => ({
      delivered_by: eb.ref('excluded.delivered_by'), provider_id: eb.ref('excluded.provider_id'), recorded_by: eb.ref('excluded.recorded_by'),
    })))
    .execute();
}

/** Remove a scheduled change that has not yet taken effect. */
export async function deleteEntriesOn(db: Db, partnershipId: string, effectiveOn: string): Promise<number> {
  const result = await db.deleteFrom('operating_model_entry')
    .where('partnership_id', '=', partnershipId).where('effective_on', '=', effectiveOn).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listServiceFunctions(db: Db): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('service_function').select(['code', 'name']).orderBy('position').execute();
}
