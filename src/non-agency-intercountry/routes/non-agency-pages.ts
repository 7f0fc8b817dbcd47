// Non-agency adoption pages: the cases a person may see (paged, filtered by council and open or
// closed, beside the inter-country list), opening a case from the notice of intention, a case's
// page (summary lists with a link to record or change each step), and one form per step. Plain
// GOV.UK forms that re-show themselves naming the field when the service refuses the input.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../core/dates.ts';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, paramsFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { applicationWindow, NON_AGENCY_OUTCOMES, NON_AGENCY_STEPS, RELATIONSHIPS, residenceMonthsNeeded, type NonAgencyStep } from '../non-agency-model.ts';
import * as service from '../service.ts';
import { dateField, datesOf, inputField, radioField, selectField, type Field } from '../../core/http/form-fields.ts';
import { inputOf, NON_AGENCY_FORMS, valuesOf } from './step-forms.ts';
import { day, row, type Section } from './summary.ts';

const OPEN_FIELDS: Field[] = [
  selectField('councilId', 'Council that received the notice', [], 'Select the council'),
  inputField('applicant1Name', 'First applicant\'s full name'), inputField('applicant2Name', 'Second applicant\'s full name (optional)', 'If two people are applying together'),
  radioField('relationship', 'Applicants\' relationship to the child', RELATIONSHIPS),
  inputField('childName', 'Child\'s full name'), dateField('childDateOfBirth', 'Child\'s date of birth'),
  dateField('noticeReceivedOn', 'Date the notice of intention was received'),
  dateField('residenceStartedOn', 'Date the child began living with the applicants', 'Living with them continuously since. For example, 27 3 2025'),
];

const stepParams = z.object({ id: z.uuid(), step: z.enum(Object.keys(NON_AGENCY_STEPS) as [NonAgencyStep, ...NonAgencyStep[]]) });
export const statusItems = [{ value: 'all', text: 'Open and closed' }, { value: 'open', text: 'Open' }, { value: 'closed', text: 'Closed' }];

export function nonAgencyPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/non-agency-adoptions', async (request, reply) => {
    const result = await service.listNonAgencyAdoptions(db, request.ctx!, request.query);
    const q = result.query;
    const href = (offset: number) => listHref('/non-agency-adoptions', { q: q.q, council: q.council, status: q.status === 'all' ? undefined : q.status, offset: offset || undefined });
    return render(request, reply, 'non-agency-intercountry/views/non-agency-list.njk', {
      title: 'Non-agency adoptions', ...result, current: 'non-agency', statusItems,
      councilItems: [{ value: '', text: 'Any council' }, ...result.councils.map((c) => ({ value: c.id, text: c.name }))],
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, href, 'Pages of non-agency adoptions'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) {
    const councils = await service.openingCouncils(db, request.ctx!);
    if (error) reply.code(422);
    return render(request, reply, 'non-agency-intercountry/views/form.njk', {
      title: 'Record a notice of intention', caption: 'Non-agency adoption', button: 'Open the case', action: '/non-agency-adoptions/new', backLink: '/non-agency-adoptions', values,
      fields: OPEN_FIELDS.map((f) => (f.name === 'councilId' ? { ...f, items: [...f.items!, ...councils.map((c) => ({ value: c.id, text: c.name }))] } : f)),
      errors: error ? formErrors(error.errors, datesOf(OPEN_FIELDS)) : undefined,
    });
  }

  app.get('/non-agency-adoptions/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/non-agency-adoptions/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await service.openNonAgency(db, request.ctx!, inputOf(OPEN_FIELDS, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The notice of intention has been recorded.';
    return reply.redirect(`/non-agency-adoptions/${id}`, 303);
  });

  app.get('/non-agency-adoptions/:id', async (request, reply) => {
    const v = await service.viewNonAgency(db, request.ctx!, idFrom(request.params));
    const { a, standing } = v;
    const months = residenceMonthsNeeded(a.relationship);
    const window = applicationWindow(a.noticeReceivedOn);
    // A link to a step's form where the step is open to the case and to the person.
    const href = (step: NonAgencyStep) => v.steps.includes(step) && (step === 'outcome' ? v.can.close : v.can.work) && `/non-agency-adoptions/${a.id}/steps/${step}`;
    const warnings = [
      ...(standing.lapsed ? [`The notice of intention lapsed on ${day(standing.lapsesOn)} with no application: record the outcome to close the case.`] : standing.lapsesOn ? [`The notice lapses on ${day(standing.lapsesOn)} if no application is made by ${day(window.to)}.`] : []),
      ...(standing.reportOverdue ? [`The court report was due on ${day(standing.reportDueOn)}.`] : []),
    ];
    const sections: Section[] = [
      { title: 'Applicants and child', id: 'people', rows: [
        row('Applicants', a.applicant2Name ? `${a.applicant1Name} and ${a.applicant2Name}` : a.applicant1Name), row('Relationship to the child', RELATIONSHIPS[a.relationship]),
        row('Child', `${a.childName}, born ${day(a.childDateOfBirth)}`), row('Council', a.councilName),
      ] },
      { title: 'Notice and residence', id: 'notice', rows: [
        row('Notice of intention received', day(a.noticeReceivedOn)), row('May apply to court', `From ${day(window.from)} to ${day(window.to)}`),
        row('Child living with the applicants since', day(a.residenceStartedOn)), row('Residence needed before applying', months === 36 ? '3 of the last 5 years' : months === 12 ? '1 year' : `${months} months`),
      ] },
      { title: 'Court', id: 'court', rows: [
        row('Application made', day(a.appliedOn), href('application')), row('Court', a.court, href('application')), row('Case number', a.courtCaseNumber, href('application')),
        row('Report requested', day(a.reportRequestedOn), href('report-requested')), row('Report due', day(a.reportDueOn), href('report-requested')),
        row('Report filed', day(a.reportFiledOn), href('report-filed')),
      ] },
      { title: 'Outcome', id: 'outcome', rows: [row('Outcome', a.outcome ? `${NON_AGENCY_OUTCOMES[a.outcome]} on ${day(a.outcomeOn)}` : null, false, 'Open')] },
    ];
    return render(request, reply, 'non-agency-intercountry/views/case.njk', {
      title: `Non-agency adoption: ${a.childName}`, caption: 'Non-agency adoption', heading: a.childName, backLink: '/non-agency-adoptions',
      closed: !standing.open, standing: standing.status, warnings, sections, outcomeHref: href('outcome'),
    });
  });

  const ids = (request: FastifyRequest) => paramsFrom(stepParams, request.params);
  const showStep = async (request: FastifyRequest, reply: FastifyReply, values: Body | null, error?: ValidationError) => {
    const { id, step } = ids(request);
    const v = await service.nonAgencyForStep(db, request.ctx!, id, step);
    const form = NON_AGENCY_FORMS[step];
    if (error) reply.code(422);
    return render(request, reply, 'non-agency-intercountry/views/form.njk', {
      title: form.title, caption: `${v.a.childName}: non-agency adoption`, button: form.button, action: `/non-agency-adoptions/${id}/steps/${step}`, backLink: `/non-agency-adoptions/${id}`,
      summary: [{ key: { text: 'Notice of intention received' }, value: { text: formatDate(v.a.noticeReceivedOn) } }, { key: { text: 'Where it stands' }, value: { text: v.standing.status } }],
      values: values ?? valuesOf(form.fields, v.a as unknown as Record<string, unknown>), fields: form.fields,
      errors: error ? formErrors(error.errors, datesOf(form.fields)) : undefined,
    });
  };

  app.get('/non-agency-adoptions/:id/steps/:step', async (request, reply) => showStep(request, reply, null));

  app.post('/non-agency-adoptions/:id/steps/:step', async (request, reply) => {
    const { id, step } = ids(request);
    const body = (request.body ?? {}) as Body;
    try {
      await service.recordNonAgencyStep(db, request.ctx!, id, step, inputOf(NON_AGENCY_FORMS[step].fields, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showStep(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = NON_AGENCY_FORMS[step].flash;
    return reply.redirect(`/non-agency-adoptions/${id}`, 303);
  });
}
