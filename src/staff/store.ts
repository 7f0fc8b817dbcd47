// SQL for staff accounts, roles, teams, API tokens and access grants.
import { sql } from 'kysely';
import { accessFactsColumns, type Role } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import type { StaffMember } from './model.ts';

function staffQuery(db: Db) {
  return db.selectFrom('staff as s')
    .innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .leftJoin('team as t', 't.id', 's.team_id')
    .select([
      's.id', 's.email', 's.display_name as displayName', 's.organisation_id as organisationId',
      'o.name as organisationName', 'o.kind as organisationKind', 't.name as teamName', 's.active', 's.totp_enabled as totpEnabled',
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from staff_role r where r.staff_id = s.id), '{}')`.as('roles'),
    ]);
}

export function findStaff(db: Db, id: string): Promise<StaffMember | undefined> {
  return staffQuery(db).where('s.id', '=', id).executeTakeFirst();
}

/** A staff member with the facts of their access on the day (core/access.ts), in one query. */
export function findStaffWithAccess(db: Db, id: string, today: string) {
  return staffQuery(db)
    .select(accessFactsColumns({ staffId: sql.ref('s.id'), orgId: sql.ref('s.organisation_id'), orgKind: sql.ref('o.kind') }, today))
    .where('s.id', '=', id).executeTakeFirst();
}

export function findStaffByEmail(db: Db, email: string): Promise<StaffMember | undefined> {
  return staffQuery(db).where('s.email', '=', email).executeTakeFirst();
}

export function activeStaffIds(db: Db): Promise<{ id: string }[]> {
  return db.selectFrom('staff').select('id').where('active', '=', true).orderBy('id').execute();
}

export function listStaffOf(db: Db, organisationId: string): Promise<StaffMember[]> {
  return staffQuery(db).where('s.organisation_id', '=', organisationId).orderBy('s.display_name').execute();
}

/** Active people with a role in any of these organisations, by name. */
export function activeStaffWithRole(db: Db, organisationIds: readonly string[], role: Role) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff as s').innerJoin('staff_role as r', 'r.staff_id', 's.id').innerJoin('organisation as o', 'o.id', 's.organisation_id')
    .select(['s.id', 's.display_name as displayName', 'o.name as organisationName'])
    .where('s.organisation_id', 'in', organisationIds).where('r.role', '=', role).where('s.active', '=', true)
    .orderBy('s.display_name').execute();
}

export function credentialsOf(db: Db, email: string) {
  return db.selectFrom('staff').select(['id', 'password_hash', 'totp_secret', 'totp_enabled', 'failed_sign_ins', 'locked_until', 'active', 'organisation_id'])
    .where('email', '=', email).executeTakeFirst();
}

export function credentialsById(db: Db, id: string) {
  return db.selectFrom('staff').select(['id', 'email', 'password_hash', 'totp_secret', 'totp_enabled', 'failed_sign_ins', 'locked_until', 'active', 'organisation_id'])
    .where('id', '=', id).executeTakeFirst();
}

export async function recordFailedSignIn(db: Db, id: string, lockedUntil: (failures: number) => Date | null): Promise<{ failures: number; lockedUntil: Date | null }> {
  const row = await db.updateTable('staff').set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', id).returning('failed_sign_ins').executeTakeFirstOrThrow();
  const until = lockedUntil(row.failed_sign_ins);
  if (until) await db.updateTable('staff').set({ locked_until: until, failed_sign_ins: 0 }).where('id', '=', id).execute();
  return { failures: row.failed_sign_ins, lockedUntil: until };
}

export async function recordSuccessfulSignIn(db: Db, id: string): Promise<void> {
  await db.updateTable('staff').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function findOrCreateTeam(db: Db, organisationId: string, name: string): Promise<string> {
  await db.insertInto('team').values({ organisation_id: organisationId, name }).onConflict((oc) => oc.columns(['organisation_id', 'name']).doNothing()).execute();
  const team = await db.selectFrom('team').select('id').where('organisation_id', '=', organisationId).where('name', '=', name).executeTakeFirstOrThrow();
  return team.id;
}

export async function insertStaff(db: Db, s: { email: string; displayName: string; organisationId: string; teamId: string | null; passwordHash: string; roles: readonly Role[] }): Promise<string> {
  const { id } = await db.insertInto('staff')
    .values({ email: s.email, display_name: s.displayName, organisation_id: s.organisationId, team_id: s.teamId, password_hash: s.passwordHash })
    .returning('id').executeTakeFirstOrThrow();
  await db.insertInto('staff_role').values(s.roles.map((role) => ({ staff_id: id, role }))).execute();
  return id;
}

export async function setTotp(db: Db, id: string, secret: string | null): Promise<void> {
  await db.updateTable('staff').set({ totp_secret: secret, totp_enabled: secret !== null }).where('id', '=', id).execute();
}

/** Use a code's step, once: false when that step (or a later one) has already been used. */
export async function claimTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const row = await db.updateTable('staff').set({ totp_last_step: String(step) })
    .where('id', '=', id).where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .returning('id').executeTakeFirst();
  return row !== undefined;
}

// ---- API tokens --------------------------------------------------------------------

export async function insertToken(db: Db, t: { staffId: string; tokenHash: string; label: string; expiresAt: Date | null }): Promise<string> {
  const row = await db.insertInto('api_token').values({ staff_id: t.staffId, token_hash: t.tokenHash, label: t.label, expires_at: t.expiresAt })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The staff member behind a live token, and mark it used. */
export async function useToken(db: Db, hash: string, now: Date): Promise<string | undefined> {
  const row = await db.updateTable('api_token').set({ last_used_at: now })
    .where('token_hash', '=', hash).where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .returning('staff_id').executeTakeFirst();
  return row?.staff_id;
}

export function tokensOf(db: Db, staffId: string) {
  return db.selectFrom('api_token').select(['id', 'label', 'created_at as createdAt', 'expires_at as expiresAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
    .where('staff_id', '=', staffId).orderBy('created_at', 'desc').execute();
}

export async function revokeToken(db: Db, staffId: string, tokenId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_token').set({ revoked_at: now })
    .where('id', '=', tokenId).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- access grants -------------------------------------------------------------------

export interface GrantRow {
  id: string;
  staffId: string;
  staffName: string;
  recordType: string;
  recordId: string;
  ownerId: string;
  reason: string;
  validFrom: string;
  validTo: string | null;
  grantedBy: string;
  revokedAt: Date | null;
}

function grantQuery(db: Db) {
  return db.selectFrom('access_grant as g').innerJoin('staff as s', 's.id', 'g.staff_id')
    .select(['g.id', 'g.staff_id as staffId', 's.display_name as staffName', 'g.record_type as recordType', 'g.record_id as recordId',
      'g.owner_id as ownerId', 'g.reason', 'g.valid_from as validFrom', 'g.valid_to as validTo', 'g.granted_by as grantedBy', 'g.revoked_at as revokedAt']);
}

export function findGrant(db: Db, id: string): Promise<GrantRow | undefined> {
  return grantQuery(db).where('g.id', '=', id).executeTakeFirst();
}

export function grantsOnRecord(db: Db, recordType: string, recordId: string): Promise<GrantRow[]> {
  return grantQuery(db).where('g.record_type', '=', recordType).where('g.record_id', '=', recordId).orderBy('g.granted_at', 'desc').execute();
}

export async function insertGrant(db: Db, g: Omit<GrantRow, 'id' | 'staffName' | 'revokedAt'>): Promise<string> {
  const row = await db.insertInto('access_grant').values({
    staff_id: g.staffId, record_type: g.recordType, record_id: g.recordId, owner_id: g.ownerId, reason: g.reason,
    valid_from: g.validFrom, valid_to: g.validTo, granted_by: g.grantedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeGrant(db: Db, id: string, by: string, now: Date): Promise<void> {
  await db.updateTable('access_grant').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function organisationExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
