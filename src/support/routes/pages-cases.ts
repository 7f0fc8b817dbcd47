// Support case pages: the cases a person may see (paged, with filters), opening a case from a
// family's request, and a case's page telling its story in one scroll.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timelineItems } from '../../casework/timeline.ts';
import { formatDate } from '../../core/dates.ts';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { ASF_KINDS, ASF_STATUSES, ASF_STEPS, ASSESSMENT_OUTCOMES, money } from '../model.ts';
import * as support from '../service.ts';
import { dateField, datesOf, inputField, selectField, textField } from '../../core/http/form-fields.ts';
import { inputOf } from './pages-forms.ts';

const OPEN_FIELDS = [
  selectField('childId', 'Child', [], 'Select the child'), selectField('residenceCouncilId', 'Council where the family lives', [], 'Select the council'),
  dateField('receivedOn', 'Date the request was received'), inputField('askedBy', 'Who asked', 'For example, adoptive parent, or the young person'), textField('askedFor', 'What for'),
];

export function casePageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/support', async (request, reply) => {
    const result = await support.listCases(db, request.ctx!, request.query);
    const q = result.query;
    const href = (offset: number) => listHref('/support', { q: q.q, council: q.council, open: q.open ? 'yes' : undefined, offset: offset || undefined });
    return render(request, reply, 'support/views/list.njk', {
      title: 'Support after adoption', ...result, today: request.ctx!.facts.today,
      councilItems: [{ value: '', text: 'Any council' }, ...result.councils.map((c) => ({ value: c.id, text: c.name }))],
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, href, 'Pages of support cases'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) {
    const { children, councils } = await support.openingChoices(db, request.ctx!);
    if (error) reply.code(422);
    const items: Record<string, { value: string; text: string }[]> = {
      childId: children.map((c) => ({ value: c.id, text: `${c.name}${c.adoptionOrderOn ? ` (adopted ${formatDate(c.adoptionOrderOn)})` : ' (placed for adoption)'}` })),
      residenceCouncilId: councils.map((c) => ({ value: c.id, text: c.name })),
    };
    return render(request, reply, 'support/views/form.njk', {
      title: 'Open a support case', caption: 'Support after adoption', button: 'Open the case', action: '/support/new', backLink: '/support', values,
      fields: OPEN_FIELDS.map((f) => (items[f.name] ? { ...f, items: [...f.items!, ...items[f.name]!] } : f)),
      errors: error ? formErrors(error.errors, datesOf(OPEN_FIELDS)) : undefined,
    });
  }

  app.get('/support/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/support/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await support.openCase(db, request.ctx!, inputOf(OPEN_FIELDS, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The support case has been opened.';
    return reply.redirect(`/support/${id}`, 303);
  });

  app.get('/support/:id', async (request, reply) => {
    const v = await support.viewCase(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'support/views/case.njk', {
      title: `Support for ${v.c.childName}`, ...v, outcomes: ASSESSMENT_OUTCOMES, kinds: ASF_KINDS, statuses: ASF_STATUSES, steps: ASF_STEPS, backLink: '/support',
      timelineItems: timelineItems(v.timeline),
      applications: v.applications.map((a) => ({ ...a, amount: money(a.amountPence), matchFunded: a.matchFundedPence ? money(a.matchFundedPence) : '' })),
      allowances: v.allowances.map((a) => ({ ...a, weekly: money(a.weeklyPence) })),
      years: v.years.map((y) => ({ ...y, committedText: money(y.committedPence), matchText: y.committed.matchFundedPence ? money(y.committed.matchFundedPence) : '', limitText: y.rule ? money(y.rule.fairAccessLimitPence) : 'No rules held' })),
    });
  });
}
