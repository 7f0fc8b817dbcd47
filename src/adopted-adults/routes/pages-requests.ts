// Request pages: the requests a person may see (paged, with filters), recording a new request,
// and a request's page: the regime and counselling with their reasons, counselling, steps,
// vetoes (including any found on another request about the same adopted person) and the outcome.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { ANSWERS, APPLICANT_ROLES, COUNSELLORS, OUTCOMES, REGIMES, RELATIONSHIPS, REQUEST_KINDS, STEPS, VETO_KINDS } from '../model.ts';
import * as service from '../service.ts';
import { checkboxField, dateField, datesOf, inputField, inputOf, radioField, selectField, textField, withItems } from '../../core/http/form-fields.ts';

const NEW_FIELDS = [
  selectField('ownerId', 'Council that holds the adoption record', [], 'Select the council'),
  radioField('kind', 'What they are asking for', REQUEST_KINDS),
  dateField('receivedOn', 'Date the request was received'),
  inputField('applicantGivenName', 'Applicant\'s given name'), inputField('applicantFamilyName', 'Applicant\'s family name'),
  dateField('applicantDateOfBirth', 'Applicant\'s date of birth', 'For example, 27 3 1968'),
  textField('applicantAddress', 'Contact address (optional)'),
  radioField('applicantRole', 'Who the applicant is', APPLICANT_ROLES),
  selectField('relationship', 'Relationship to the adopted person', Object.entries(RELATIONSHIPS).map(([value, text]) => ({ value, text })), 'Not needed: the applicant is the adopted person',
    'For a birth relative or a prescribed relative'),
  inputField('birthName', 'Adopted person\'s name at birth'), inputField('adoptiveName', 'Adopted person\'s adoptive name'),
  dateField('adoptedDateOfBirth', 'Adopted person\'s date of birth', 'For example, 27 3 1968'),
  dateField('orderOn', 'Date of the adoption order', 'If only roughly known, give your best estimate and leave the box below unticked'),
  checkboxField('orderOnExact', 'The day of the adoption order is known exactly'),
  inputField('court', 'Court that made the order (optional)'),
];

const codes = (c: Record<string, string>, empty: string) => [{ value: '', text: empty }, ...Object.entries(c).map(([value, text]) => ({ value, text }))];

export function requestPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/adopted-adults', async (request, reply) => {
    const result = await service.listRequests(db, request.ctx!, request.query);
    const q = result.query;
    const href = (offset: number) => listHref('/adopted-adults', { q: q.q, council: q.council, kind: q.kind, status: q.status, offset: offset || undefined });
    return render(request, reply, 'adopted-adults/views/list.njk', {
      title: 'Adopted adults and their relatives', ...result, canOpen: service.mayUseAdoptedAdults(request.ctx!), kinds: REQUEST_KINDS, outcomes: OUTCOMES,
      councilItems: [{ value: '', text: 'Any council' }, ...result.councils.map((c) => ({ value: c.id, text: c.name }))],
      kindItems: codes(REQUEST_KINDS, 'Any kind'), statusItems: [{ value: '', text: 'Open or closed' }, { value: 'open', text: 'Open' }, { value: 'closed', text: 'Closed' }],
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, href, 'Pages of requests'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) {
    const { councils } = await service.openingChoices(db, request.ctx!);
    if (error) reply.code(422);
    return render(request, reply, 'adopted-adults/views/form.njk', {
      title: 'Record a new request', caption: 'Adopted adults and their relatives', button: 'Record the request', action: '/adopted-adults/new', backLink: '/adopted-adults', values,
      fields: withItems(NEW_FIELDS, { ownerId: councils.map((c) => ({ value: c.id, text: c.name })) }),
      errors: error ? formErrors(error.errors, datesOf(NEW_FIELDS)) : undefined,
    });
  }

  app.get('/adopted-adults/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/adopted-adults/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await service.openRequest(db, request.ctx!, inputOf(NEW_FIELDS, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The request has been recorded.';
    return reply.redirect(`/adopted-adults/${id}`, 303);
  });

  app.get('/adopted-adults/:id', async (request, reply) => {
    const v = await service.viewRequest(db, request.ctx!, idFrom(request.params));
    return render(request, reply, 'adopted-adults/views/request.njk', {
      title: `Request from ${v.r.applicantGivenName} ${v.r.applicantFamilyName}`, ...v, backLink: '/adopted-adults', today: request.ctx!.facts.today,
      allVetoes: [...v.vetoes, ...v.elsewhere],
      kinds: REQUEST_KINDS, roles: APPLICANT_ROLES, relationships: RELATIONSHIPS, outcomes: OUTCOMES, regimes: REGIMES, counsellors: COUNSELLORS, stepNames: STEPS, answers: ANSWERS, vetoKinds: VETO_KINDS,
    });
  });
}
