// Households pages: the list, the pool, the household page, and the forms for a new household,
// stage events (each type its own form), checks, members and approval terms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ETHNICITIES, SEXES } from '../../children/codes.ts';
import { asValidationError, codeItems, dateParts, idFrom, many, one, pageErrors, type Body, type Item } from '../../core/http/forms.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { LikelyDuplicatesError, MATCH_REASONS } from '../../core/likely-duplicates.ts';
import { dateFromParts, saveOr } from '../../core/http/forms.ts';
import type { AppServices } from '../../core/http/types.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import { POOL_SORTS, type HouseholdListQuery } from '../input.ts';
import {
  CHECK_KINDS, CHECK_STATUSES, EVENT_TYPES, FAST_TRACK, LEAVING_REASONS, NEEDS, OUTCOMES, PAR_STATUSES, RELATIONSHIPS, STAGES, STATUSES, TOLERANCES,
  type EventType,
} from '../model.ts';
import * as casework from '../../casework/service.ts';
import { timelineItems } from '../../casework/timeline.ts';
import { householdChronology } from '../chronology.ts';
import * as households from '../service.ts';

export const LABELS = {
  statuses: STATUSES, stages: STAGES, relationships: RELATIONSHIPS, fastTrack: FAST_TRACK, checkKinds: CHECK_KINDS, checkStatuses: CHECK_STATUSES,
  parStatuses: PAR_STATUSES, events: EVENT_TYPES, outcomes: OUTCOMES, reasons: LEAVING_REASONS, tolerances: TOLERANCES, needs: NEEDS, sexes: SEXES, ethnicities: ETHNICITIES, poolSorts: POOL_SORTS,
};

const checkParams = z.object({ id: z.uuid(), checkId: z.uuid() });
const items = (codes: Record<string, string>, empty?: string): Item[] => codeItems(codes, empty, false);

/** Which fields each event type's form shows. */
const EVENT_FIELDS: Record<EventType, { outcomes?: string[]; parStatus?: boolean; status?: boolean; staff?: boolean }> = {
  'stage-1-started': {}, 'stage-1-plan-agreed': {}, 'stage-1-decision': { outcomes: ['proceed', 'not-proceed'] }, 'stage-2-notice': {},
  visit: { staff: true }, 'par-status': { parStatus: true }, panel: {}, 'adm-decision': { outcomes: ['approved', 'not-suitable'] },
  'status-change': { status: true }, 'approval-review': {},
};

/** The list's address for another page of the same filters (defaults left out). */
function listPageHref(q: HouseholdListQuery, offset: number): string {
  return listHref('/households', { q: q.q, status: q.status, stage: q.stage, limit: q.limit !== 50 ? q.limit : undefined, offset: offset > 0 ? offset : undefined });
}

/** `applicants.1.firstName` is the second applicant's first name box (`a2-firstName`); `tolerances.fasd` is `tolerance-fasd`. */
function renameField(field: string): string {
  const a = /^applicants\.(\d+)\.(\w+)/.exec(field);
  if (a) return `a${Number(a[1]) + 1}-${a[2]}`;
  const t = /^tolerances\.(\w+)/.exec(field);
  if (t) return `tolerance-${t[1]}`;
  if (field === 'applicants') return 'a1-firstName';
  return field;
}

function applicantFrom(body: Body, n: number) {
  const p = (name: string) => one(body, `a${n}-${name}`);
  const any = ['firstName', 'lastName', 'sex', 'ethnicity'].some((k) => p(k)?.trim()) || dateFromParts(body, `a${n}-dateOfBirth`);
  if (!any) return undefined;
  return { firstName: p('firstName'), lastName: p('lastName'), dateOfBirth: dateFromParts(body, `a${n}-dateOfBirth`), sex: p('sex') || undefined, ethnicity: p('ethnicity') || undefined, disabled: p('disabled') === 'yes' };
}

export function householdPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  // ---- the list ---------------------------------------------------------------------------------

  app.get('/households', async (request, reply) => {
    const ctx = request.ctx!;
    const raw = request.query as Body;
    const page = {
      title: 'Adopter households', labels: LABELS,
      statusItems: items(STATUSES, 'Any status'), stageItems: items(STAGES, 'Any stage'),
      canCreate: households.generalPermissions(ctx).create,
      canPool: households.generalPermissions(ctx).searchPool,
    };
    try {
      const result = await households.list(db, ctx, raw);
      return render(request, reply, 'adopters/views/list.njk', {
        ...page, ...result, values: result.query, pagination: pagination({ total: result.total, offset: result.query.offset, limit: result.query.limit }, (offset) => listPageHref(result.query, offset), 'Pages of households'),
        from: result.total ? result.query.offset + 1 : 0, to: Math.min(result.total, result.query.offset + result.items.length),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'adopters/views/list.njk', { ...page, total: 0, items: [], values: raw, errors: pageErrors(error, [], (f) => (['limit', 'offset'].includes(f) ? 'results' : f)) });
    }
  });

  // ---- the pool -----------------------------------------------------------------------------------

  app.get('/households/pool', async (request, reply) => {
    const ctx = request.ctx!;
    const raw = request.query as Body;
    const page = { title: 'Adopter pool', labels: LABELS, needItems: items(NEEDS, 'Any need'), toleranceItems: items(TOLERANCES, 'At least low'), sortItems: items(POOL_SORTS), backLink: '/households' };
    try {
      const result = await households.pool(db, ctx, raw);
      const q = result.query;
      const address = (offset: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ children: q.children, age: q.age, need: q.need, tolerance: q.tolerance, sort: q.sort === 'waiting' ? undefined : q.sort, siblingGroup: q.siblingGroup ? 'yes' : undefined, offset: offset || undefined })) {
          if (v !== undefined) params.set(k, String(v));
        }
        return `/households/pool${params.size ? `?${params}` : ''}`;
      };
      return render(request, reply, 'adopters/views/pool.njk', {
        ...page, ...result, values: { ...q, siblingGroup: q.siblingGroup ? ['yes'] : [] },
        pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, address, 'Households in the pool'),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.code(422);
      return render(request, reply, 'adopters/views/pool.njk', { ...page, total: 0, items: [], canSearch: true, values: { ...raw, siblingGroup: raw.siblingGroup ? ['yes'] : [] }, errors: pageErrors(error, []) });
    }
  });

  // ---- a new household --------------------------------------------------------------------------------

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, error?: ValidationError, duplicates?: readonly households.HouseholdDuplicate[]) {
    const ctx = request.ctx!;
    if (!households.generalPermissions(ctx).create) throw new ForbiddenError('You cannot create households');
    if (error) reply.code(422);
    // Nothing was stored: the same form, with the households it may be, until the person goes on.
    else if (duplicates?.length) reply.code(409);
    return render(request, reply, 'adopters/views/new.njk', {
      title: 'New household', labels: LABELS, values, backLink: '/households',
      relationshipItems: items(RELATIONSHIPS), fastTrackItems: [{ value: '', text: 'No: a new applicant (Stage 1 first)' }, ...items(FAST_TRACK)],
      sexItems: codeItems(SEXES, 'Choose'), ethnicityItems: codeItems(ETHNICITIES, 'Choose'),
      errors: error ? pageErrors(error, ['roiAcceptedOn', 'a1-dateOfBirth', 'a2-dateOfBirth'], renameField) : undefined,
      duplicates: duplicates?.map((d) => ({ ...d, why: d.matched.map((m) => `${m.existing} (${m.reasons.map((r) => MATCH_REASONS[r].toLowerCase()).join('; ')} to ${m.applicant})`).join('; ') })),
    });
  }

  app.get('/households/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/households/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const applicants = [applicantFrom(body, 1) ?? {}, applicantFrom(body, 2)].filter(Boolean);
    const input = {
      relationship: one(body, 'relationship'), homeCouncil: one(body, 'homeCouncil'), fastTrack: one(body, 'fastTrack'), roiAcceptedOn: dateFromParts(body, 'roiAcceptedOn'),
      interestFfa: many(body, 'interest').includes('ffa'), interestConcurrent: many(body, 'interest').includes('concurrent'), applicants,
      confirmNotDuplicate: one(body, 'confirmNotDuplicate'),
    };
    let id: string;
    try {
      id = await households.create(db, request.ctx!, input, { warnOfDuplicates: true });
    } catch (error) {
      if (error instanceof LikelyDuplicatesError) return showNew(request, reply, { ...body, interest: many(body, 'interest') }, undefined, error.duplicates as households.HouseholdDuplicate[]);
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, { ...body, interest: many(body, 'interest') }, invalid);
      throw error;
    }
    request.session.flash = 'The household has been created.';
    return reply.redirect(`/households/${id}`, 303);
  });

  // ---- the household page -------------------------------------------------------------------------------

  app.get('/households/:id', async (request, reply) => {
    const id = idFrom(request.params);
    const v = await households.view(db, request.ctx!, id);
    const names = v.applicants.map((a) => `${a.firstName} ${a.lastName}`).join(' and ');
    const timeline = timelineItems(await casework.storyForRecordPage(db, request.ctx!, 'household', id, householdChronology(v.events)));
    return render(request, reply, 'adopters/views/household.njk', { title: names || v.household.reference, names, ...v, timeline, labels: LABELS, backLink: '/households' });
  });

  // ---- stage events -------------------------------------------------------------------------------------

  async function showEvent(request: FastifyRequest, reply: FastifyReply, id: string, type: EventType | undefined, values: Record<string, unknown>, error?: ValidationError) {
    const v = await households.view(db, request.ctx!, id, ['record-stage', 'record-decision', 'change-status']);
    const allowed = (t: EventType) => ({ 'record-stage': v.can.recordStage, 'record-decision': v.can.recordDecision, 'change-status': v.can.changeStatus } as Record<string, boolean>)[households.actionFor(t)];
    const types = (Object.keys(EVENT_TYPES) as EventType[]).filter(allowed);
    if (types.length === 0 || (type && !allowed(type))) throw new ForbiddenError('You cannot record this for the household');
    if (error) reply.code(422);
    const fields = type ? EVENT_FIELDS[type] : undefined;
    return render(request, reply, 'adopters/views/event.njk', {
      title: `${type ? EVENT_TYPES[type] : 'Record a stage event'} – ${v.household.reference}`, household: v.household, type, fields, labels: LABELS, values,
      typeLinks: types.map((t) => ({ href: `/households/${id}/events/new?type=${t}`, text: EVENT_TYPES[t] })),
      outcomeItems: fields?.outcomes?.map((o) => ({ value: o, text: OUTCOMES[o as keyof typeof OUTCOMES] })),
      parItems: items(PAR_STATUSES), statusItems: items(STATUSES), reasonItems: items(LEAVING_REASONS, 'No reason (not leaving the process)'),
      missing: type === 'stage-1-decision' ? v.missingForProceed : [], clocks: v.clocks,
      errors: error ? pageErrors(error, ['date']) : undefined, backLink: type ? `/households/${id}/events/new` : `/households/${id}`,
    });
  }

  const typeFrom = (q: unknown): EventType | undefined => {
    const t = (q as Body).type;
    return typeof t === 'string' && t in EVENT_TYPES ? (t as EventType) : undefined;
  };

  app.get('/households/:id/events/new', async (request, reply) => showEvent(request, reply, idFrom(request.params), typeFrom(request.query), {}));

  app.post('/households/:id/events/new', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const type = typeFrom(body);
    const input = {
      type, date: dateFromParts(body, 'date'), outcome: one(body, 'outcome'), parStatus: one(body, 'parStatus'), status: one(body, 'status'),
      reason: one(body, 'reason'), staffId: one(body, 'staffId'), notes: one(body, 'notes'),
    };
    return saveOr(request, reply, `/households/${id}`, `${type ? EVENT_TYPES[type] : 'The event'}: recorded.`, () => households.recordEvent(db, request.ctx!, id, input),
      (error) => showEvent(request, reply, id, type, body, error));
  });

  // ---- checks ------------------------------------------------------------------------------------------

  async function showCheck(request: FastifyRequest, reply: FastifyReply, id: string, checkId: string | undefined, values: Record<string, unknown>, error?: ValidationError) {
    const v = await households.view(db, request.ctx!, id, ['record-stage']);
    const check = checkId ? v.checks.find((c) => c.id === checkId) : undefined;
    if (checkId && !check) throw new NotFoundError('Check');
    if (error) reply.code(422);
    return render(request, reply, 'adopters/views/check.njk', {
      title: `${check ? 'Update a check' : 'Record a check'} – ${v.household.reference}`, household: v.household, check, labels: LABELS, values,
      kindItems: items(CHECK_KINDS), statusItems: items(CHECK_STATUSES),
      errors: error ? pageErrors(error, ['requestedOn', 'receivedOn', 'issuedOn', 'expiresOn']) : undefined, backLink: `/households/${id}#checks`,
    });
  }

  const checkBody = (body: Body) => ({
    status: one(body, 'status'), relative: one(body, 'relative') === 'yes', receivedOn: dateFromParts(body, 'receivedOn') ?? '', issuedOn: dateFromParts(body, 'issuedOn') ?? '',
    expiresOn: dateFromParts(body, 'expiresOn') ?? '', notes: one(body, 'notes'),
  });

  app.get('/households/:id/checks/new', async (request, reply) => showCheck(request, reply, idFrom(request.params), undefined, { status: 'requested' }));

  app.post('/households/:id/checks/new', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const input = { ...checkBody(body), kind: one(body, 'kind'), subject: one(body, 'subject'), requestedOn: dateFromParts(body, 'requestedOn') };
    return saveOr(request, reply, `/households/${id}#checks`, 'The check has been recorded.', () => households.addCheck(db, request.ctx!, id, input),
      (error) => showCheck(request, reply, id, undefined, body, error));
  });

  app.get('/households/:id/checks/:checkId', async (request, reply) => {
    const parsed = checkParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const v = await households.checksFor(db, request.ctx!, parsed.data.id);
    const c = v.checks.find((x) => x.id === parsed.data.checkId);
    const values = c ? { status: c.status, relative: c.relative ? 'yes' : '', notes: c.notes ?? '', ...dateParts('receivedOn', c.receivedOn), ...dateParts('issuedOn', c.issuedOn), ...dateParts('expiresOn', c.expiresOn) } : {};
    return showCheck(request, reply, parsed.data.id, parsed.data.checkId, values);
  });

  app.post('/households/:id/checks/:checkId', async (request, reply) => {
    const parsed = checkParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { id, checkId } = parsed.data;
    const body = (request.body ?? {}) as Body;
    return saveOr(request, reply, `/households/${id}#checks`, 'The check has been updated.', () => households.updateCheck(db, request.ctx!, id, checkId, checkBody(body)),
      (error) => showCheck(request, reply, id, checkId, body, error));
  });

  // ---- members -------------------------------------------------------------------------------------------

  async function showMember(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown>, error?: ValidationError) {
    const v = await households.view(db, request.ctx!, id, ['update']);
    if (error) reply.code(422);
    return render(request, reply, 'adopters/views/member.njk', {
      title: `Add a member of the household – ${v.household.reference}`, household: v.household, values, errors: error ? pageErrors(error, ['dateOfBirth']) : undefined, backLink: `/households/${id}#members`,
    });
  }

  app.get('/households/:id/members/new', async (request, reply) => showMember(request, reply, idFrom(request.params), {}));

  app.post('/households/:id/members/new', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const input = { name: one(body, 'name'), relationship: one(body, 'relationship'), dateOfBirth: dateFromParts(body, 'dateOfBirth') };
    return saveOr(request, reply, `/households/${id}#members`, 'The member of the household has been added.', () => households.addMember(db, request.ctx!, id, input),
      (error) => showMember(request, reply, id, body, error));
  });

  // ---- approval terms --------------------------------------------------------------------------------------

  async function showTerms(request: FastifyRequest, reply: FastifyReply, id: string, typed: Record<string, unknown> | undefined, error?: ValidationError) {
    const v = await households.view(db, request.ctx!, id, ['record-stage']);
    const t = v.terms;
    const values = typed ?? (t ? {
      minChildren: String(t.minChildren), maxChildren: String(t.maxChildren), minAge: String(t.minAge), maxAge: String(t.maxAge), childSex: t.childSex,
      siblingGroup: t.siblingGroup ? 'yes' : 'no', ...Object.fromEntries(Object.entries(t.tolerances).map(([k, l]) => [`tolerance-${k}`, l])),
      ethnicityConsiderations: t.ethnicityConsiderations, religionConsiderations: t.religionConsiderations, languageConsiderations: t.languageConsiderations, areasToAvoid: t.areasToAvoid,
      religions: t.religions.join(', '), languages: t.languages.join(', '), avoidCouncilIds: t.avoidCouncilIds,
    } : { childSex: 'any', siblingGroup: 'no' });
    const avoid = new Set<string>([values.avoidCouncilIds ?? []].flat() as string[]);
    const councils = (await households.councilChoices(db)).map((c) => ({ value: c.id, text: c.name, checked: avoid.has(c.id) }));
    if (error) reply.code(422);
    return render(request, reply, 'adopters/views/terms.njk', {
      title: `Approval terms – ${v.household.reference}`, household: v.household, values, labels: LABELS,
      needs: Object.entries(NEEDS).map(([key, label]) => ({ key, label, items: items(TOLERANCES) })), councils,
      errors: error ? pageErrors(error, [], renameField) : undefined, backLink: `/households/${id}#terms`,
    });
  }

  app.get('/households/:id/terms', async (request, reply) => showTerms(request, reply, idFrom(request.params), undefined));

  app.post('/households/:id/terms', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    const input = {
      minChildren: one(body, 'minChildren'), maxChildren: one(body, 'maxChildren'), minAge: one(body, 'minAge'), maxAge: one(body, 'maxAge'), childSex: one(body, 'childSex'),
      siblingGroup: one(body, 'siblingGroup') === 'yes', tolerances: Object.fromEntries(Object.keys(NEEDS).map((k) => [k, one(body, `tolerance-${k}`)])),
      ethnicityConsiderations: one(body, 'ethnicityConsiderations'), religionConsiderations: one(body, 'religionConsiderations'),
      languageConsiderations: one(body, 'languageConsiderations'), areasToAvoid: one(body, 'areasToAvoid'),
      religions: one(body, 'religions'), languages: one(body, 'languages'), avoidCouncilIds: body.avoidCouncilIds,
    };
    return saveOr(request, reply, `/households/${id}#terms`, 'The approval terms have been saved.', () => households.setTerms(db, request.ctx!, id, input),
      (error) => showTerms(request, reply, id, body, error));
  });
}
