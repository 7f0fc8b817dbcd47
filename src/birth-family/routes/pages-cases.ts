// Birth family case pages: the cases a person may see (paged, filtered by council and by open or
// closed), opening a case from a referral, and a case's page: who, the child as the person may
// see them, referrals, offers, sessions and the outcome, with the story as a timeline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timelineItems } from '../../casework/timeline.ts';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { OFFER_ANSWERS, OFFER_KINDS, OUTCOMES, REFERRERS, RELATIONSHIPS, SESSION_KINDS } from '../model.ts';
import * as birthFamily from '../service.ts';
import { dateField, datesOf, inputField, numberField, radioField, selectField, type Field } from '../../core/http/form-fields.ts';
import { BASE, inputOf, referralFieldList } from './pages-forms.ts';

const OPEN_FIELDS: Field[] = [
  inputField('givenName', 'Given name'), inputField('familyName', 'Family name'),
  dateField('dateOfBirth', 'Date of birth (optional)'), radioField('relationship', 'Relationship to the child', RELATIONSHIPS),
  { ...selectField('childId', 'Child\'s record in Mercia', [], 'No record, or not one I can see'), hint: 'The case then belongs to the child\'s placing council' },
  inputField('childFirstName', 'Child\'s first name', 'If you did not choose the child\'s record'), numberField('childBirthYear', 'Child\'s year of birth (optional)', 'For example, 2019'),
  { ...selectField('ownerId', 'Child\'s placing council', [], 'Select the council'), hint: 'Not needed when you choose the child\'s record' },
  ...referralFieldList(),
];

export function casePageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get(BASE, async (request, reply) => {
    const result = await birthFamily.listCases(db, request.ctx!, request.query);
    const q = result.query;
    const href = (offset: number) => listHref(BASE, { q: q.q, council: q.council, status: q.status, offset: offset || undefined });
    return render(request, reply, 'birth-family/views/list.njk', {
      title: 'Birth family support', ...result, relationships: RELATIONSHIPS,
      councilItems: [{ value: '', text: 'Any council' }, ...result.councils.map((c) => ({ value: c.id, text: c.name }))],
      statusItems: [{ value: '', text: 'Open or closed' }, { value: 'open', text: 'Open' }, { value: 'closed', text: 'Closed' }],
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, href, 'Pages of birth family support cases'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) {
    const { children, councils } = await birthFamily.openingChoices(db, request.ctx!);
    if (error) reply.code(422);
    const items: Record<string, { value: string; text: string }[]> = {
      childId: children.map((c) => ({ value: c.id, text: c.name })),
      ownerId: councils.map((c) => ({ value: c.id, text: c.name })),
    };
    return render(request, reply, 'birth-family/views/form.njk', {
      title: 'Open a birth family support case', caption: 'Birth family support', button: 'Open the case', action: `${BASE}/new`, backLink: BASE, values,
      fields: OPEN_FIELDS.map((f) => (items[f.name] ? { ...f, items: [...f.items!, ...items[f.name]!] } : f)),
      errors: error ? formErrors(error.errors, datesOf(OPEN_FIELDS)) : undefined,
    });
  }

  app.get(`${BASE}/new`, async (request, reply) => showNew(request, reply, {}));

  app.post(`${BASE}/new`, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await birthFamily.openCase(db, request.ctx!, inputOf(OPEN_FIELDS, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The birth family support case has been opened.';
    return reply.redirect(`${BASE}/${id}`, 303);
  });

  app.get(`${BASE}/:id`, async (request, reply) => {
    const v = await birthFamily.viewCase(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'birth-family/views/case.njk', {
      title: `${v.c.givenName} ${v.c.familyName}: birth family support`, ...v, backLink: BASE, timelineItems: timelineItems(v.timeline),
      relationships: RELATIONSHIPS, referrers: REFERRERS, offerKinds: OFFER_KINDS, answers: OFFER_ANSWERS, sessionKinds: SESSION_KINDS, outcomes: OUTCOMES,
    });
  });
}
