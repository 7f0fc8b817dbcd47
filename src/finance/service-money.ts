// Finance (use cases): the adoption services' budgets by line and their staffing, contributions to
// the pooled budget, inter-agency fees from matches, the foster-care cost a placement made sooner
// avoids, and the options appraisal on the same figures. A service is shown only to someone who
// may see every council it covers (a joint service's budget is both councils' figures).
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import type { Db } from '../core/db.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { budgetInput, contributionInput, fosterCostInput, staffingInput, type WhatIf } from './input.ts';
import { costsAvoided, DEFAULT_MONTHLY_FOSTER_PENCE, type BudgetLine } from './model.ts';
import { appraise } from './options.ts';
import { financePolicy, mayEditFinance } from './policy.ts';
import { councilFor, visibleCouncils } from './service.ts';
import * as store from './store.ts';

/** The services all of whose councils the person may take the action on. */
async function servicesFor(db: Db, ctx: RequestContext, councilIds?: readonly string[]) {
  const councils = await visibleCouncils(db, ctx);
  const visible = new Set(councils.map((c) => c.id));
  const services = (await store.services(db)).filter((s) => s.councilIds.length && s.councilIds.every((c) => visible.has(c)) && (!councilIds || s.councilIds.some((c) => councilIds.includes(c))));
  return { councils, services };
}

export interface BudgetYear { year: number; establishmentPence: number | null; operationalPence: number | null; fte: number | null }

export async function budgets(db: Db, ctx: RequestContext, councilIds?: readonly string[]) {
  const { councils, services } = await servicesFor(db, ctx, councilIds);
  const ids = services.map((s) => s.id);
  const [lines, staff] = await Promise.all([store.budgets(db, ids), store.staffing(db, ids)]);
  const names = new Map(councils.map((c) => [c.id, c.name]));
  return services.map((s) => {
    const years = [...new Set([...lines.filter((l) => l.serviceId === s.id).map((l) => l.year), ...staff.filter((x) => x.serviceId === s.id).map((x) => x.year)])].sort();
    const line = (year: number, l: BudgetLine) => lines.find((b) => b.serviceId === s.id && b.year === year && b.line === l)?.amountPence ?? null;
    return {
      service: { ...s, councilNames: s.councilIds.map((c) => names.get(c) ?? '') },
      years: years.map((year): BudgetYear => ({ year, establishmentPence: line(year, 'establishment'), operationalPence: line(year, 'operational'), fte: staff.find((x) => x.serviceId === s.id && x.year === year)?.fte ?? null })),
    };
  });
}

/** A service the person may change the budget of: finance officers of every council it covers. */
async function serviceToEdit(db: Db, ctx: RequestContext, serviceId: string) {
  const service = (await store.services(db)).find((s) => s.id === serviceId);
  const councils = await store.councils(db, ctx.facts.today);
  const of = service?.councilIds.map((id) => councils.find((c) => c.id === id)!) ?? [];
  if (!service || !of.length || !of.every((c) => financePolicy.can(ctx.actor, ctx.facts, 'view', c))) throw new NotFoundError('Service');
  if (!of.every((c) => financePolicy.can(ctx.actor, ctx.facts, 'edit-finance', c))) throw new ForbiddenError('Budgets are kept by finance officers');
  return service;
}

export async function serviceForForm(db: Db, ctx: RequestContext, serviceId: string) {
  return serviceToEdit(db, ctx, serviceId);
}

export async function setBudget(db: Db, ctx: RequestContext, serviceId: string, raw: unknown): Promise<void> {
  const service = await serviceToEdit(db, ctx, serviceId);
  const input = parseInput(budgetInput, raw);
  await db.transaction().execute(async (tx) => {
    const before = (await store.budgets(tx, [service.id])).find((b) => b.year === input.year && b.line === input.line)?.amountPence ?? null;
    await store.setBudget(tx, service.id, input.year, input.line, input.amount);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'finance-budget', recordId: service.id, ownerId: service.councilIds[0]!,
      detail: { service: service.name, year: input.year, line: input.line, before: { amountPence: before }, after: { amountPence: input.amount } } });
  });
}

export async function setStaffing(db: Db, ctx: RequestContext, serviceId: string, raw: unknown): Promise<void> {
  const service = await serviceToEdit(db, ctx, serviceId);
  const input = parseInput(staffingInput, raw);
  await db.transaction().execute(async (tx) => {
    const before = (await store.staffing(tx, [service.id])).find((b) => b.year === input.year)?.fte ?? null;
    await store.setStaffing(tx, service.id, input.year, input.fte);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'finance-staffing', recordId: service.id, ownerId: service.councilIds[0]!,
      detail: { service: service.name, year: input.year, before: { fte: before }, after: { fte: input.fte } } });
  });
}

// ---- contributions and fees ----------------------------------------------------------------------

export async function contributions(db: Db, ctx: RequestContext, councilIds?: readonly string[]) {
  const councils = (await visibleCouncils(db, ctx)).filter((c) => !councilIds || councilIds.includes(c.id));
  const names = new Map(councils.map((c) => [c.id, c.name]));
  return (await store.contributions(db, councils.map((c) => c.id))).map((c) => ({ ...c, councilName: names.get(c.councilId)! }));
}

export async function addContribution(db: Db, ctx: RequestContext, raw: unknown): Promise<string> {
  const input = parseInput(contributionInput, raw);
  if (!mayEditFinance(ctx.actor)) throw new ForbiddenError('Contributions are kept by finance officers');
  // A council the person does not keep the finances of is not one of the form's choices.
  const council = await councilFor(db, ctx, input.councilId, 'edit-finance').catch((e: unknown) => {
    if (e instanceof NotFoundError || e instanceof ForbiddenError) throw ValidationError.of('councilId', 'Select a council whose finances you keep');
    throw e;
  });
  return db.transaction().execute(async (tx) => {
    const id = await store.insertContribution(tx, { councilId: council.id, year: input.year, source: input.source, amountPence: input.amount });
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'finance-contribution', recordId: id, ownerId: council.id,
      detail: { before: null, after: { council: council.code, year: input.year, source: input.source, amountPence: input.amount } } });
    return id;
  });
}

/** Fees the matches recorded, paid by or to the councils (and, for a partnership's staff, the partnership). */
export async function fees(db: Db, ctx: RequestContext, councilIds?: readonly string[]) {
  const councils = (await visibleCouncils(db, ctx)).filter((c) => !councilIds || councilIds.includes(c.id));
  const orgs = councils.map((c) => c.id);
  if (ctx.actor.orgKind === 'partnership' && !councilIds) orgs.push(ctx.actor.orgId);
  const rows = await store.fees(db, orgs);
  const mine = new Set(orgs);
  return rows.map((r) => ({ ...r, direction: mine.has(r.payeeId) && !mine.has(r.payerId) ? 'income' as const : mine.has(r.payerId) && !mine.has(r.payeeId) ? 'spending' as const : 'within' as const }));
}

// ---- costs avoided and the appraisal -------------------------------------------------------------

export async function costs(db: Db, ctx: RequestContext, whatIf: Pick<WhatIf, 'children' | 'months'>, councilIds?: readonly string[]) {
  const { councils, services } = await servicesFor(db, ctx, councilIds);
  const monthly = await store.fosterCosts(db, councils.map((c) => c.id));
  const fosterCosts = councils.filter((c) => !councilIds || councilIds.includes(c.id)).map((c) => ({ council: c, monthlyPence: monthly.get(c.id) ?? DEFAULT_MONTHLY_FOSTER_PENCE, isDefault: !monthly.has(c.id) }));
  const result = costsAvoided(services.map((s) => ({ name: s.name, monthlyPence: s.councilIds.map((c) => monthly.get(c) ?? DEFAULT_MONTHLY_FOSTER_PENCE) })), whatIf.children, whatIf.months);
  return { fosterCosts, services, result, whatIf };
}

export async function setFosterCost(db: Db, ctx: RequestContext, councilId: string, raw: unknown): Promise<void> {
  const council = await councilFor(db, ctx, councilId, 'edit-finance');
  const input = parseInput(fosterCostInput, raw);
  await db.transaction().execute(async (tx) => {
    const before = (await store.fosterCosts(tx, [council.id])).get(council.id) ?? null;
    await store.setFosterCost(tx, council.id, input.monthly);
    await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'update', recordType: 'finance-foster-cost', recordId: council.id, ownerId: council.id,
      detail: { before: { monthlyPence: before ?? DEFAULT_MONTHLY_FOSTER_PENCE, held: before !== null }, after: { monthlyPence: input.monthly } } });
  });
}

/** The options compared for a year on that year's budgets (the latest year held by default). */
export async function appraisal(db: Db, ctx: RequestContext, whatIf: WhatIf) {
  const services = await budgets(db, ctx);
  const years = [...new Set(services.flatMap((s) => s.years.map((y) => y.year)))].sort();
  const year = whatIf.year ?? years.at(-1) ?? Number(ctx.facts.today.slice(0, 4));
  const directCostsPence = services.reduce((sum, s) => {
    const y = s.years.find((x) => x.year === year);
    return sum + (y?.establishmentPence ?? 0) + (y?.operationalPence ?? 0);
  }, 0);
  const avoided = await costs(db, ctx, { children: whatIf.children, months: whatIf.months });
  const feePence = (await store.councilFee(db, year)) ?? 0;
  const rows = appraise({ directCostsPence, costsAvoidedPence: avoided.result.totalPence, feePence, placementsSold: whatIf.sold, transformationPence: whatIf.manager });
  return { year, years, directCostsPence, costsAvoidedPence: avoided.result.totalPence, services: avoided.services.length, feePence, rows, whatIf };
}
