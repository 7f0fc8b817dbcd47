// The letterbox services' shared steps: the record types, loading an agreement or an exchange and
// asking the policy (a refusal to view looks like absence), whether the person sees the birth
// relatives' names (the children area's answer: who may see the child's birth family, through the
// record registry), and how a party is named to them.
import '../children/service.ts';
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit, type AuditAction, type AuditedRecord } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { caseworkRecord, registerRecordType } from '../core/records.ts';
import { capitalised } from './model.ts';
import { agreementPolicy, exchangePolicy, type AgreementAction, type AgreementRecord, type ExchangeAction } from './policy.ts';
import * as store from './store.ts';

// An agreement carries case notes and documents (copies of letters, the agreement itself), as
// visible as the agreement: written by whoever records its exchanges, the sensitive ones seen by
// those who set up and change it.
registerRecordType('letterbox-agreement', async (db, id) => (await store.findAgreement(db, id))?.ownerId, {
  plural: 'letterbox/agreements',
  noun: 'letterbox agreement',
  accessFor: async (db, ctx, id) => {
    const a = await store.findAgreement(db, id);
    if (!a) return undefined;
    return { ownerId: a.ownerId, view: can(ctx, 'view', a), change: canExchange(ctx, 'record', a), viewSensitive: can(ctx, 'manage', a), label: `Letterbox for ${a.childName}`, path: `/letterbox/agreements/${id}` };
  },
});
registerRecordType('letterbox-exchange', async (db, id) => {
  const e = await store.findExchange(db, id);
  return e ? (await store.findAgreement(db, e.agreementId))?.ownerId : undefined;
});

export const asRecord = (a: { id: string; ownerId: string }): AgreementRecord => ({ id: a.id, ownerId: a.ownerId });

export function can(ctx: RequestContext, action: AgreementAction, a: { id: string; ownerId: string }): boolean {
  return agreementPolicy.can(ctx.actor, ctx.facts, action, asRecord(a));
}

/** What the person may do with the agreement's exchanges. */
export function canExchange(ctx: RequestContext, action: ExchangeAction, a: { id: string; ownerId: string }): boolean {
  return exchangePolicy.can(ctx.actor, ctx.facts, action, asRecord(a));
}

export async function loadAgreement(db: Db, ctx: RequestContext, id: string, action: AgreementAction = 'view'): Promise<store.AgreementRow> {
  const agreement = await store.findAgreement(db, id);
  if (!agreement || !can(ctx, 'view', agreement)) throw new NotFoundError('Agreement');
  if (action === 'manage' && !can(ctx, action, agreement)) throw new ForbiddenError('Only social workers and team managers set up and change letterbox agreements');
  return agreement;
}

/** The agreement, to record its exchanges (a receipt). */
export async function loadAgreementForExchanges(db: Db, ctx: RequestContext, id: string): Promise<store.AgreementRow> {
  const agreement = await store.findAgreement(db, id);
  if (!agreement || !canExchange(ctx, 'view', agreement)) throw new NotFoundError('Agreement');
  if (!canExchange(ctx, 'record', agreement)) throw new ForbiddenError('You cannot record this agreement\'s letters');
  return agreement;
}

/** The exchange and its agreement; an exchange of a hidden agreement is as missing as the agreement. */
export async function loadExchange(db: Db, ctx: RequestContext, id: string, action: ExchangeAction = 'view') {
  const exchange = await store.findExchange(db, id);
  const agreement = exchange ? await store.findAgreement(db, exchange.agreementId) : undefined;
  if (!exchange || !agreement || !canExchange(ctx, 'view', agreement)) throw new NotFoundError('Exchange');
  if (action === 'record' && !canExchange(ctx, 'record', agreement)) throw new ForbiddenError('You cannot record this agreement\'s letters');
  return { exchange, agreement };
}

/** What the person may see of the child: their page, and their birth family (the children area's answer). */
export async function childAccess(db: Db, ctx: RequestContext, childId: string): Promise<{ view: boolean; birthFamily: boolean }> {
  const access = await caseworkRecord('child')?.accessFor(db, ctx, childId);
  return { view: access?.view ?? false, birthFamily: access?.viewSensitive ?? false };
}

export const ADOPTIVE_FAMILY = 'The adoptive family';

/** A party as the person may see it: a birth relative's name only to those who may see the birth family; no party is the adoptive family. */
export function partyLabel(party: store.PartyRow | undefined, showNames: boolean, adoptiveFamily: string): string {
  if (!party) return `${ADOPTIVE_FAMILY} (${adoptiveFamily})`;
  return showNames ? `${party.name} (${party.relationship})` : `${capitalised(party.relationship)} (name not shown to you)`;
}

/** The child an agreement is for, as the audit log links it. */
export function childRecord(a: { childId: string; ownerId: string }): AuditedRecord {
  return { type: 'child', id: a.childId, ownerId: a.ownerId };
}

/** The records an agreement names, for the audit log: the agreement and its child. */
export function agreementRecords(a: { id: string; childId: string; ownerId: string }): AuditedRecord[] {
  return [{ type: 'letterbox-agreement', id: a.id, ownerId: a.ownerId }, childRecord(a)];
}

export const audit = (db: Db, ctx: RequestContext, e: { action: AuditAction; recordType: string; recordId?: string; ownerId: string; detail?: Record<string, unknown>; records?: AuditedRecord[] }) =>
  recordAudit(db, { actor: auditActor(ctx.actor), ...e });
