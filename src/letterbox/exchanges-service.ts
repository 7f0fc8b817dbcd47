// Letterbox exchanges: recording a letter received for an occasion of its agreement, then its
// steps in order (screened, forwarded, filed on the adoption record), one exchange's page, and
// the lists (every exchange, or the screening queue: received and not yet screened, oldest
// first). The order is the model's: an exchange not screened, or withheld, is never forwarded.
// Each change: load → policy → rule → write → audit, in one transaction.
import type { RequestContext } from '../core/access.ts';
import type { Db } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { exchangeListQuery, filingInput, forwardingInput, receiptInput, screeningInput } from './input.ts';
import { agreementRecords, audit, canExchange, childAccess, loadAgreementForExchanges, loadExchange, partyLabel } from './loading.ts';
import { EXCHANGE_DIRECTIONS, nextStep, openOccasions, receiptProblems, stepProblems, type Step } from './model.ts';
import { agreementListScope } from './policy.ts';
import * as store from './store.ts';

/** Exchanges the person may see: all (newest first) or those awaiting screening (oldest first), a page at a time. */
export async function listExchanges(db: Db, ctx: RequestContext, raw: unknown) {
  const query = parseInput(exchangeListQuery, raw);
  const scope = agreementListScope(ctx.actor, ctx.facts);
  const result = scope ? await store.listExchanges(db, scope, query) : { total: 0, items: [] };
  // The list names no birth relative: their names are for the agreement's page, to those who may see them.
  const items = result.items.filter((e) => canExchange(ctx, 'view', { id: e.agreementId, ownerId: e.ownerId })).map((e) => ({ ...e, directionLabel: EXCHANGE_DIRECTIONS[e.direction], next: nextStep(e) }));
  await audit(db, ctx, {
    action: 'search', recordType: 'letterbox-exchange', ownerId: ctx.actor.orgId, detail: { query, total: result.total, shown: items.map((e) => e.id) },
    records: items.flatMap((e) => [{ type: 'letterbox-exchange', id: e.id, ownerId: e.ownerId }, ...agreementRecords({ id: e.agreementId, childId: e.childId, ownerId: e.ownerId })]),
  });
  return { query, total: result.total, items };
}

/** One exchange with its agreement's parties as the person may see them, and the step it is waiting for. */
export async function viewExchange(db: Db, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (tx) => {
    const { exchange, agreement } = await loadExchange(tx, ctx, id);
    const [parties, child] = await Promise.all([store.partiesOf(tx, agreement.id), childAccess(tx, ctx, agreement.childId)]);
    const label = (partyId: string | null) => partyLabel(parties.find((p) => p.id === partyId), child.birthFamily, agreement.adoptiveFamily);
    await audit(tx, ctx, { action: 'view', recordType: 'letterbox-exchange', recordId: id, ownerId: agreement.ownerId, records: agreementRecords(agreement) });
    return {
      exchange: { ...exchange, directionLabel: EXCHANGE_DIRECTIONS[exchange.direction], from: label(exchange.fromPartyId), to: exchange.forwardedOn ? label(exchange.forwardedToPartyId) : null },
      agreement,
      next: nextStep(exchange),
      // A letter to the birth family goes to one of its birth relatives; a letter from it, to the adoptive family.
      recipients: exchange.direction === 'to-birth-family' ? parties.map((p) => ({ value: p.id, text: label(p.id) })) : [],
      can: { record: canExchange(ctx, 'record', agreement) },
    };
  });
}

/** Record a letter received for an occasion the agreement is waiting for (late, or the next due). */
export async function receiveExchange(db: Db, ctx: RequestContext, agreementId: string, raw: unknown): Promise<string> {
  const input = parseInput(receiptInput, raw);
  return db.transaction().execute(async (tx) => {
    const agreement = await loadAgreementForExchanges(tx, ctx, agreementId);
    const [parties, recorded] = await Promise.all([store.partiesOf(tx, agreementId), store.exchangesOf(tx, agreementId)]);
    const problems = receiptProblems(openOccasions(agreement, recorded, ctx.facts.today), agreement.startDate, input, ctx.facts.today);
    const fromBirthFamily = input.direction === 'from-birth-family';
    if (fromBirthFamily && !parties.some((p) => p.id === input.fromPartyId)) problems.push({ field: 'fromPartyId', message: 'Select the birth relative who sent it' });
    if (!fromBirthFamily && input.fromPartyId) problems.push({ field: 'fromPartyId', message: 'A letter to the birth family comes from the adoptive family: select no birth relative' });
    if (problems.length) throw new ValidationError(problems);
    const id = await store.insertExchange(tx, { agreementId, direction: input.direction, dueOn: input.dueOn, receivedOn: input.receivedOn, fromPartyId: fromBirthFamily ? input.fromPartyId! : null, by: ctx.actor.staffId });
    await audit(tx, ctx, { action: 'create', recordType: 'letterbox-exchange', recordId: id, ownerId: agreement.ownerId, detail: { after: { direction: input.direction, dueOn: input.dueOn, receivedOn: input.receivedOn } }, records: agreementRecords(agreement) });
    return id;
  });
}

/** The step's values from its input (dates under their own names), for the model and the store. */
function stepValues(step: Step, raw: unknown, by: string) {
  if (step === 'screen') {
    const i = parseInput(screeningInput, raw);
    return { check: { date: i.screenedOn, outcome: i.outcome, redactions: i.redactions, withheldReason: i.withheldReason },
      save: { step, screenedOn: i.screenedOn, outcome: i.outcome, redactions: i.outcome === 'redacted' ? i.redactions ?? null : null, withheldReason: i.outcome === 'withheld' ? i.withheldReason ?? null : null, by } } as const;
  }
  if (step === 'forward') {
    const i = parseInput(forwardingInput, raw);
    return { check: { date: i.forwardedOn }, save: { step, forwardedOn: i.forwardedOn, toPartyId: i.toPartyId ?? null, by } } as const;
  }
  const i = parseInput(filingInput, raw);
  return { check: { date: i.filedOn }, save: { step, filedOn: i.filedOn, by } } as const;
}

/**
 * Record a step of the exchange: screened (outcome, and what was redacted or why it is withheld),
 * forwarded (to a birth relative, for a letter to the birth family), or filed on the adoption
 * record. Out of order — forwarding before screening, forwarding what was withheld — it is
 * refused naming the field, and nothing is written.
 */
export async function recordStep(db: Db, ctx: RequestContext, id: string, step: Step, raw: unknown): Promise<void> {
  const { check, save } = stepValues(step, raw, ctx.actor.staffId);
  await db.transaction().execute(async (tx) => {
    const { agreement } = await loadExchange(tx, ctx, id, 'record');
    await store.lockExchange(tx, id);
    const exchange = (await store.findExchange(tx, id))!;
    const problems = stepProblems(exchange, step, check, ctx.facts.today);
    if (problems.length === 0 && save.step === 'forward') {
      const parties = await store.partiesOf(tx, agreement.id);
      if (exchange.direction === 'to-birth-family' && !parties.some((p) => p.id === save.toPartyId)) problems.push({ field: 'toPartyId', message: 'Select the birth relative it was forwarded to' });
      if (exchange.direction === 'from-birth-family' && save.toPartyId) problems.push({ field: 'toPartyId', message: 'A letter from the birth family goes to the adoptive family: select no birth relative' });
    }
    if (problems.length) throw new ValidationError(problems);
    await store.saveStep(tx, id, save);
    await audit(tx, ctx, { action: 'update', recordType: 'letterbox-exchange', recordId: id, ownerId: agreement.ownerId, detail: { after: { ...save, by: undefined } }, records: agreementRecords(agreement) });
  });
}
