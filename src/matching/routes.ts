// Matching pages: "Find families" for a child (ranked, filtered, paged; the households excluded
// and why), "Children who could be linked" for a household, and a link's page with its history,
// moving it on and closing it. Input is validated by the services, so pages and API refuse alike.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../core/errors.ts';
import { formErrors, idFrom, many, one, saveOr, type Body } from '../core/http/forms.ts';
import { pagination } from '../core/http/pagination.ts';
import { render } from '../core/http/render.ts';
import type { AppServices } from '../core/http/types.ts';
import { councilChoices } from '../adopters/service.ts';
import { setAvoidCouncils } from '../children/for-matching.ts';
import { matchingApiRoutes } from './api.ts';
import { formatFee } from './fees.ts';
import { CLOSE_REASONS, LINK_STATUSES, LINK_STEPS, TIERS, type LinkStatus } from './input.ts';
import * as links from './links-service.ts';
import { FACTORS } from './model.ts';
import * as matching from './service.ts';

const items = (codes: Record<string, string>, empty?: string) => [...(empty ? [{ value: '', text: empty }] : []), ...Object.entries(codes).map(([value, text]) => ({ value, text }))];
const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== 'score' && !(k === 'offset' && v === 0)) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export function matchingRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  matchingApiRoutes(app, services);

  // ---- find families -----------------------------------------------------------------------------

  async function showFamilies(request: FastifyRequest, reply: FastifyReply, id: string, raw: Body, error?: ValidationError) {
    const ctx = request.ctx!;
    let result;
    try {
      result = await matching.findFamilies(db, ctx, id, raw);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      reply.code(422);
      return showFamilies(request, reply, id, {}, e);
    }
    const q = result.query;
    const [openHouseholds, childLinks, councils] = await Promise.all([
      matching.householdsOpenTo(db, ctx, result.items.map((x) => x.candidate.id)), links.linksOfChild(db, ctx, id), councilChoices(db),
    ]);
    const avoid = new Set(result.children.flatMap((c) => c.avoidCouncilIds));
    return render(request, reply, 'matching/views/families.njk', {
      title: `Find families – ${result.subject.label}`, childId: id, result, values: q, openHouseholds: [...openHouseholds], links: childLinks,
      factors: FACTORS, tiers: TIERS, statuses: LINK_STATUSES,
      tierItems: items(TIERS, 'Anywhere'), agencyItems: [{ value: '', text: 'Any agency' }, ...result.agencies.map((a) => ({ value: a.id, text: a.name }))],
      sortItems: [{ value: 'score', text: 'Overall score' }, ...items(FACTORS)],
      councilItems: councils.map((c) => ({ value: c.id, text: c.name, checked: avoid.has(c.id) })),
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, (offset) => `/children/${id}/families${query({ tier: q.tier, agency: q.agency, sort: q.sort, offset })}`, 'Households'),
      errors: error ? formErrors(error.errors) : undefined, backLink: `/children/${id}`,
    });
  }

  app.get('/children/:id/families', async (request, reply) => showFamilies(request, reply, idFrom(request.params), request.query as Body));

  app.get('/children/:id/families/excluded', async (request, reply) => {
    const id = idFrom(request.params);
    const result = await matching.excludedFamilies(db, request.ctx!, id, request.query);
    return render(request, reply, 'matching/views/excluded.njk', {
      title: `Households left out – ${result.subject.label}`, childId: id, result, backLink: `/children/${id}/families`,
      pagination: pagination({ total: result.total, offset: result.query.offset, limit: result.query.limit }, (offset) => `/children/${id}/families/excluded${query({ offset })}`, 'Households left out'),
    });
  });

  app.post('/children/:id/avoid-councils', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    return saveOr(request, reply, `/children/${id}/families`, 'The councils the child must not be placed in have been saved.',
      () => setAvoidCouncils(db, request.ctx!, id, { avoidCouncilIds: many(body, 'avoidCouncilIds') }),
      (error) => showFamilies(request, reply, id, {}, error));
  });

  // ---- children who could be linked --------------------------------------------------------------

  app.get('/households/:id/children', async (request, reply) => {
    const id = idFrom(request.params);
    const ctx = request.ctx!;
    const result = await matching.childrenForHousehold(db, ctx, id, request.query);
    const householdLinks = await links.linksOfHousehold(db, ctx, id);
    return render(request, reply, 'matching/views/household-children.njk', {
      title: `Children who could be linked – ${result.household.reference}`, householdId: id, result, links: householdLinks, statuses: LINK_STATUSES, factors: FACTORS,
      pagination: pagination({ total: result.total, offset: result.query.offset, limit: result.query.limit }, (offset) => `/households/${id}/children${query({ offset })}`, 'Children'),
      backLink: `/households/${id}`,
    });
  });

  // ---- the weights -----------------------------------------------------------------------------------

  async function showSettings(request: FastifyRequest, reply: FastifyReply, typed?: Body, error?: ValidationError) {
    const v = await matching.viewSettings(db, request.ctx!);
    if (error) reply.code(422);
    const values = typed ?? { linkCap: String(v.settings.linkCap), ...Object.fromEntries(Object.entries(v.settings.weights).map(([k, w]) => [`weight-${k}`, String(w)])) };
    return render(request, reply, 'matching/views/settings.njk', {
      title: 'Matching weights', v, factors: FACTORS, values, errors: error ? formErrors(error.errors.map((e) => ({ ...e, field: e.field.replace(/^weights\./, 'weight-') }))) : undefined, backLink: '/',
    });
  }

  app.get('/matching/settings', async (request, reply) => showSettings(request, reply));

  app.post('/matching/settings', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const input = { linkCap: one(body, 'linkCap'), weights: Object.fromEntries(Object.keys(FACTORS).map((k) => [k, one(body, `weight-${k}`)])) };
    return saveOr(request, reply, '/matching/settings', 'The matching weights have been saved.', () => matching.saveSettings(db, request.ctx!, input),
      (error) => showSettings(request, reply, body, error));
  });

  // ---- links ----------------------------------------------------------------------------------------

  app.post('/links', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const childId = one(body, 'childId') ?? '';
    const householdId = one(body, 'householdId') ?? '';
    const from = one(body, 'from') === 'household' ? `/households/${householdId}/children` : `/children/${childId}/families`;
    try {
      const id = await links.openLink(db, request.ctx!, { childId, householdId, notes: one(body, 'notes') });
      request.session.flash = 'The link has been opened.';
      return reply.redirect(`/links/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      request.session.flash = undefined;
      reply.code(422);
      return render(request, reply, 'matching/views/refused.njk', { title: 'The link could not be opened', errors: formErrors(error.errors), backLink: from });
    }
  });

  async function showLink(request: FastifyRequest, reply: FastifyReply, id: string, error?: ValidationError, typed: Body = {}) {
    const v = await links.viewLink(db, request.ctx!, id);
    const step = LINK_STEPS.indexOf(v.link.status as LinkStatus);
    if (error) reply.code(422);
    return render(request, reply, 'matching/views/link.njk', {
      title: `Link – ${v.link.householdReference}`, v, statuses: LINK_STATUSES, reasons: CLOSE_REASONS, fee: v.fee ? formatFee(v.fee) : null,
      nextItems: step >= 0 ? LINK_STEPS.slice(step + 1).map((s) => ({ value: s, text: LINK_STATUSES[s] })) : [],
      reasonItems: items(CLOSE_REASONS), values: typed, errors: error ? formErrors(error.errors) : undefined,
    });
  }

  app.get('/links/:id', async (request, reply) => showLink(request, reply, idFrom(request.params)));

  app.post('/links/:id/status', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    return saveOr(request, reply, `/links/${id}`, 'The link has moved on.', () => links.moveLink(db, request.ctx!, id, { status: one(body, 'status'), notes: one(body, 'notes') }),
      (error) => showLink(request, reply, id, error, body));
  });

  app.post('/links/:id/close', async (request, reply) => {
    const id = idFrom(request.params);
    const body = (request.body ?? {}) as Body;
    return saveOr(request, reply, `/links/${id}`, 'The link has been closed.', () => links.closeLink(db, request.ctx!, id, { reason: one(body, 'reason'), notes: one(body, 'closeNotes') }),
      (error) => showLink(request, reply, id, new ValidationError(error.errors.map((e) => (e.field === 'notes' ? { ...e, field: 'closeNotes' } : e))), body));
  });
}
