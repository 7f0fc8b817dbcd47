// Use cases for staff: sign-in (password, lockout, second factor), who the signed-in person
// is, API tokens, adding staff, and explicit access grants.
import { accessFactsOf, auditActor, loadAccessFacts, type Actor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditActor } from '../core/audit.ts';
import { decoyPasswordHash, hashPassword, newApiToken, newTotpSecret, passwordMatches, tokenHash, totpMatches, totpStep } from '../core/auth.ts';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { ownerOfRecord, registerRecordType } from '../core/records.ts';
import { parseInput } from '../core/validation.ts';
import { addStaffInput, grantInput, isLocked, lockedUntil, signInInput, tokenInput, totpCodeInput, type StaffMember } from './model.ts';
import { grantPolicy, staffPolicy } from './policy.ts';
import * as store from './store.ts';

registerRecordType('staff', async (db, id) => (await store.findStaff(db, id))?.organisationId);

export function actorOf(s: StaffMember): Actor {
  return { staffId: s.id, email: s.email, displayName: s.displayName, orgId: s.organisationId, orgKind: s.organisationKind, orgName: s.organisationName, roles: s.roles };
}

/** The signed-in person, or undefined if the account is gone or disabled. */
export async function actorById(db: Db, staffId: string): Promise<Actor | undefined> {
  const s = await store.findStaff(db, staffId);
  return s && s.active ? actorOf(s) : undefined;
}

/**
 * Who is asking and their access today, for a signed-in person: one round trip, as every request
 * needs it. Undefined if the account is gone or disabled.
 */
export async function contextById(db: Db, staffId: string, today: string): Promise<RequestContext | undefined> {
  const row = await store.findStaffWithAccess(db, staffId, today);
  if (!row || !row.active) return undefined;
  const actor = actorOf(row);
  return { actor, facts: accessFactsOf(actor, today, row) };
}

/** The same for an API token: undefined if it is not valid, has expired or was revoked. */
export async function contextByToken(db: Db, token: string, today: string, now = new Date()): Promise<RequestContext | undefined> {
  const staffId = await store.useToken(db, tokenHash(token), now);
  return staffId ? contextById(db, staffId, today) : undefined;
}

export async function contextFor(db: Db, actor: Actor, today: string): Promise<RequestContext> {
  return { actor, facts: await loadAccessFacts(db, actor, today) };
}

// ---- sign-in --------------------------------------------------------------------------

export type SignInResult =
  | { outcome: 'signed-in'; staffId: string }
  | { outcome: 'needs-second-factor'; staffId: string }
  | { outcome: 'refused' }
  | { outcome: 'locked' };

type LockoutRules = Pick<Config, 'signInMaxFailures' | 'signInLockoutMinutes'>;

/** Check an email and password. Unknown emails take as long as known ones and say the same. */
export async function checkPassword(db: Db, rules: LockoutRules, raw: unknown, now = new Date()): Promise<SignInResult> {
  const input = parseInput(signInInput, raw);
  const account = await store.credentialsOf(db, input.email);
  if (!account || !account.active) {
    await passwordMatches(await decoyPasswordHash(), input.password);
    await recordAudit(db, { actor: null, action: 'sign-in-failed', detail: { reason: 'unknown-account' } });
    return { outcome: 'refused' };
  }
  const actor = await auditActorById(db, account.id);
  if (isLocked(account.locked_until, now)) {
    await recordAudit(db, { actor, action: 'sign-in-failed', recordType: 'staff', recordId: account.id, ownerId: account.organisation_id, detail: { reason: 'locked' } });
    return { outcome: 'locked' };
  }
  if (!(await passwordMatches(account.password_hash, input.password))) return failSignIn(db, rules, account, actor, 'wrong-password', now);
  if (account.totp_enabled) return { outcome: 'needs-second-factor', staffId: account.id };
  await completeSignIn(db, account.id, account.organisation_id, actor, 'password');
  return { outcome: 'signed-in', staffId: account.id };
}

/** Second step for people with an authenticator app. */
export async function checkSecondFactor(db: Db, rules: LockoutRules, staffId: string, raw: unknown, now = new Date()): Promise<SignInResult> {
  const { code } = parseInput(totpCodeInput, raw);
  const account = await store.credentialsById(db, staffId);
  if (!account || !account.active || !account.totp_secret) return { outcome: 'refused' };
  const actor = await auditActorById(db, account.id);
  if (isLocked(account.locked_until, now)) return { outcome: 'locked' };
  const step = await totpStep(account.totp_secret, code);
  if (step === null) return failSignIn(db, rules, account, actor, 'wrong-code', now);
  // A code signs in once: the same code again (or an older one) is refused as a replay.
  if (!(await store.claimTotpStep(db, account.id, step))) return failSignIn(db, rules, account, actor, 'code-reused', now);
  await completeSignIn(db, account.id, account.organisation_id, actor, 'password+totp');
  return { outcome: 'signed-in', staffId: account.id };
}

async function failSignIn(db: Db, rules: LockoutRules, account: { id: string; organisation_id: string }, actor: AuditActor, reason: string, now: Date): Promise<SignInResult> {
  return db.transaction().execute(async (tx) => {
    const { lockedUntil: until } = await store.recordFailedSignIn(tx, account.id, (n) => lockedUntil(n, rules.signInMaxFailures, rules.signInLockoutMinutes, now));
    await recordAudit(tx, { actor, action: 'sign-in-failed', recordType: 'staff', recordId: account.id, ownerId: account.organisation_id, detail: { reason } });
    if (until) await recordAudit(tx, { actor, action: 'locked-out', recordType: 'staff', recordId: account.id, ownerId: account.organisation_id, detail: { until: until.toISOString() } });
    return { outcome: until ? 'locked' : 'refused' } as const;
  });
}

async function completeSignIn(db: Db, staffId: string, orgId: string, actor: AuditActor, method: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await store.recordSuccessfulSignIn(tx, staffId);
    await recordAudit(tx, { actor, action: 'sign-in', recordType: 'staff', recordId: staffId, ownerId: orgId, detail: { method } });
  });
}

async function auditActorById(db: Db, staffId: string): Promise<AuditActor> {
  const s = await store.findStaff(db, staffId);
  if (!s) throw new NotFoundError('Staff member');
  return { staffId: s.id, orgId: s.organisationId, label: s.email };
}

export async function signedOut(db: Db, actor: Actor): Promise<void> {
  await recordAudit(db, { actor: auditActor(actor), action: 'sign-out', recordType: 'staff', recordId: actor.staffId, ownerId: actor.orgId });
}

// ---- second factor set-up ---------------------------------------------------------------

export function newSecondFactorSecret(): string {
  return newTotpSecret();
}

/** Turn on the second factor once the person proves their app shows the right code. */
export async function enableSecondFactor(db: Db, ctx: RequestContext, secret: string, raw: unknown): Promise<void> {
  mayManageOwnCredentials(ctx);
  const { code } = parseInput(totpCodeInput, raw);
  if (!(await totpMatches(secret, code))) throw ValidationError.of('code', 'The code is not right: check the time on your phone and enter the code it shows now');
  await db.transaction().execute(async (tx) => {
    await store.setTotp(tx, ctx.actor.staffId, secret);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'staff', recordId: ctx.actor.staffId, ownerId: ctx.actor.orgId, detail: { after: { secondFactor: 'enabled' } } });
  });
}

/** A person's second factor and tokens are theirs alone to change ('manage-own-credentials'). */
function mayManageOwnCredentials(ctx: RequestContext): void {
  if (!staffPolicy.can(ctx.actor, ctx.facts, 'manage-own-credentials', { id: ctx.actor.staffId, organisationId: ctx.actor.orgId })) throw new ForbiddenError();
}

// ---- API tokens ---------------------------------------------------------------------------

/**
 * Create a token for a staff member; the token is returned once and never stored. A signed-in
 * person (`by`) makes tokens only for themselves, as 'manage-own-credentials' says: anyone
 * else's account is answered as missing. Only the operator's command line (`by` null) makes them for others.
 */
export async function createToken(db: Db, staffId: string, raw: unknown, by: AuditActor | null): Promise<{ id: string; token: string }> {
  const input = parseInput(tokenInput, raw);
  const token = newApiToken();
  return db.transaction().execute(async (tx) => {
    const owner = await store.findStaff(tx, staffId);
    if (!owner || !owner.active) throw new NotFoundError('Staff member');
    if (by && by.staffId !== owner.id) throw new NotFoundError('Staff member');
    const id = await store.insertToken(tx, { staffId, tokenHash: tokenHash(token), label: input.label, expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59Z`) : null });
    await recordAudit(tx, { actor: by, action: 'create', recordType: 'api-token', recordId: id, ownerId: owner.organisationId, detail: { after: { staff: staffId, label: input.label } } });
    return { id, token };
  });
}

export async function tokensOf(db: Db, ctx: RequestContext) {
  mayManageOwnCredentials(ctx);
  return store.tokensOf(db, ctx.actor.staffId);
}

export async function revokeToken(db: Db, ctx: RequestContext, tokenId: string): Promise<void> {
  mayManageOwnCredentials(ctx);
  await db.transaction().execute(async (tx) => {
    if (!(await store.revokeToken(tx, ctx.actor.staffId, tokenId, new Date()))) throw new NotFoundError('Token');
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'revoke', recordType: 'api-token', recordId: tokenId, ownerId: ctx.actor.orgId });
  });
}

// ---- staff accounts ---------------------------------------------------------------------

/** Add a staff member. `ctx` is null when an operator runs the CLI on the server. */
export async function addStaff(db: Db, ctx: RequestContext | null, raw: unknown): Promise<string> {
  const input = parseInput(addStaffInput, raw);
  if (ctx && !staffPolicy.can(ctx.actor, ctx.facts, 'add', { id: '', organisationId: input.organisationId })) throw new ForbiddenError();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    if (await store.findStaffByEmail(tx, input.email)) throw new ConflictError('A staff member with that email address already exists', 'email');
    if (!(await store.organisationExists(tx, input.organisationId))) throw ValidationError.of('organisationId', 'Select an organisation that exists');
    const teamId = input.team ? await store.findOrCreateTeam(tx, input.organisationId, input.team) : null;
    const id = await store.insertStaff(tx, { email: input.email, displayName: input.displayName, organisationId: input.organisationId, teamId, passwordHash, roles: input.roles });
    await recordAudit(tx, {
      actor: ctx ? auditActor(ctx.actor) : null, action: 'create', recordType: 'staff', recordId: id, ownerId: input.organisationId,
      detail: { after: { email: input.email, displayName: input.displayName, roles: input.roles, team: input.team ?? null } },
    });
    return id;
  });
}

export async function listStaff(db: Db, ctx: RequestContext): Promise<StaffMember[]> {
  const people = await store.listStaffOf(db, ctx.actor.orgId);
  return people.filter((s) => staffPolicy.can(ctx.actor, ctx.facts, 'view', s));
}

export async function viewStaff(db: Db, ctx: RequestContext, id: string): Promise<StaffMember> {
  const s = await store.findStaff(db, id);
  if (!s || !staffPolicy.can(ctx.actor, ctx.facts, 'view', s)) throw new NotFoundError('Staff member');
  await recordAudit(db, { actor: auditActor(ctx.actor), action: 'view', recordType: 'staff', recordId: s.id, ownerId: s.organisationId });
  return s;
}

// ---- explicit grants ----------------------------------------------------------------------

export async function grantAccess(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(grantInput, raw);
  // A grant that has already ended would be kept and never take effect: refuse it by name.
  if (input.validTo && input.validTo < ctx.facts.today) throw ValidationError.of('validTo', `End date must be today (${ctx.facts.today}) or later`);
  return db.transaction().execute(async (tx) => {
    const ownerId = await ownerOfRecord(tx, input.recordType, input.recordId);
    if (!ownerId || !grantPolicy.can(ctx.actor, ctx.facts, 'grant', { ownerId })) throw new NotFoundError('Record');
    const grantee = await store.findStaff(tx, input.staffId);
    if (!grantee || !grantee.active) throw ValidationError.of('staffId', 'Select a person who has an active account');
    const id = await store.insertGrant(tx, { ...input, validTo: input.validTo ?? null, ownerId, grantedBy: ctx.actor.staffId });
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'grant', recordType: input.recordType, recordId: input.recordId, ownerId,
      detail: { after: { grant: id, staff: input.staffId, reason: input.reason, validFrom: input.validFrom, validTo: input.validTo ?? null } },
    });
    return id;
  });
}

export async function revokeGrant(db: Db, ctx: RequestContext, grantId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const grant = await store.findGrant(tx, grantId);
    if (!grant || !grantPolicy.can(ctx.actor, ctx.facts, 'revoke', grant)) throw new NotFoundError('Grant');
    if (grant.revokedAt) throw ValidationError.of('grant', 'This grant has already been revoked');
    await store.revokeGrant(tx, grantId, ctx.actor.staffId, new Date());
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'revoke', recordType: grant.recordType, recordId: grant.recordId, ownerId: grant.ownerId,
      detail: { before: { grant: grantId, staff: grant.staffId } },
    });
  });
}

/**
 * A grant that another area's work makes necessary, in that area's transaction, once its own
 * policy allowed the work: opening a link between a child and a household lets each side's worker
 * see the other record. Logged like any grant; revoked by revokeGrantsIn when the work ends.
 */
export async function grantForWorkIn(tx: Db, ctx: RequestContext, g: { staffId: string; recordType: string; recordId: string; reason: string; validFrom: string }): Promise<string> {
  const ownerId = await ownerOfRecord(tx, g.recordType, g.recordId);
  if (!ownerId) throw new NotFoundError('Record');
  const id = await store.insertGrant(tx, { ...g, validTo: null, ownerId, grantedBy: ctx.actor.staffId });
  await recordAudit(tx, {
    actor: auditActor(ctx.actor), action: 'grant', recordType: g.recordType, recordId: g.recordId, ownerId,
    detail: { after: { grant: id, staff: g.staffId, reason: g.reason, validFrom: g.validFrom, validTo: null } },
  });
  return id;
}

/** Revoke grants made by grantForWorkIn, in the caller's transaction (those already revoked are left). */
export async function revokeGrantsIn(tx: Db, ctx: RequestContext, grantIds: readonly string[]): Promise<void> {
  for (const grantId of grantIds) {
    const grant = await store.findGrant(tx, grantId);
    if (!grant || grant.revokedAt) continue;
    await store.revokeGrant(tx, grantId, ctx.actor.staffId, new Date());
    await recordAudit(tx, {
      actor: auditActor(ctx.actor), action: 'revoke', recordType: grant.recordType, recordId: grant.recordId, ownerId: grant.ownerId,
      detail: { before: { grant: grantId, staff: grant.staffId } },
    });
  }
}

/** Whether the person may manage their organisation's staff (the navigation shows Staff). */
export function mayManageStaff(ctx: RequestContext): boolean {
  return staffPolicy.can(ctx.actor, ctx.facts, 'add', { id: '', organisationId: ctx.actor.orgId });
}
