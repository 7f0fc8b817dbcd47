// Inter-country adoption pages: the cases a person may see (paged, filtered, beside the
// non-agency list), opening a case from the applicants' enquiry, a case's page (each step in a
// summary list with a link to record or change it, the partnership's prompts), and one form per
// step. Plain GOV.UK forms that re-show themselves naming the field when the service refuses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatDate } from '../../core/dates.ts';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, paramsFrom, type Body } from '../../core/http/forms.ts';
import { listHref, pagination } from '../../core/http/pagination.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { DECISIONS, INTERCOUNTRY_OUTCOMES, INTERCOUNTRY_STEPS, type IntercountryStep } from '../intercountry-model.ts';
import * as intercountry from '../intercountry-service.ts';
import * as service from '../service.ts';
import { dateField, datesOf, inputField, radioField, selectField, type Field } from '../../core/http/form-fields.ts';
import { statusItems } from './non-agency-pages.ts';
import { INTERCOUNTRY_FORMS, inputOf, valuesOf } from './step-forms.ts';
import { day, row, type Section } from './summary.ts';

const OPEN_FIELDS: Field[] = [
  selectField('councilId', 'Council whose agency assesses the applicants', [], 'Select the council'),
  inputField('applicant1Name', 'First applicant\'s full name'), inputField('applicant2Name', 'Second applicant\'s full name (optional)', 'If two people are applying together'),
  inputField('country', 'Child\'s country'), radioField('hague', 'Is it a Hague Convention country?', { yes: 'Yes', no: 'No' }),
  dateField('enquiryOn', 'Date of the enquiry'),
];

const stepParams = z.object({ id: z.uuid(), step: z.enum(Object.keys(INTERCOUNTRY_STEPS) as [IntercountryStep, ...IntercountryStep[]]) });

export function intercountryPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  app.get('/intercountry-adoptions', async (request, reply) => {
    const result = await intercountry.listIntercountryAdoptions(db, request.ctx!, request.query);
    const q = result.query;
    const href = (offset: number) => listHref('/intercountry-adoptions', { q: q.q, council: q.council, status: q.status === 'all' ? undefined : q.status, offset: offset || undefined });
    return render(request, reply, 'non-agency-intercountry/views/intercountry-list.njk', {
      title: 'Inter-country adoptions', ...result, current: 'intercountry', statusItems,
      councilItems: [{ value: '', text: 'Any council' }, ...result.councils.map((c) => ({ value: c.id, text: c.name }))],
      pagination: pagination({ total: result.total, offset: q.offset, limit: q.limit }, href, 'Pages of inter-country adoptions'),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) {
    const councils = await service.openingCouncils(db, request.ctx!, 'intercountry-adoption');
    if (error) reply.code(422);
    return render(request, reply, 'non-agency-intercountry/views/form.njk', {
      title: 'Record an enquiry', caption: 'Inter-country adoption', button: 'Open the case', action: '/intercountry-adoptions/new', backLink: '/intercountry-adoptions', values,
      fields: OPEN_FIELDS.map((f) => (f.name === 'councilId' ? { ...f, items: [...f.items!, ...councils.map((c) => ({ value: c.id, text: c.name }))] } : f)),
      errors: error ? formErrors(error.errors, datesOf(OPEN_FIELDS)) : undefined,
    });
  }

  app.get('/intercountry-adoptions/new', async (request, reply) => showNew(request, reply, {}));

  app.post('/intercountry-adoptions/new', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let id: string;
    try {
      id = await intercountry.openIntercountry(db, request.ctx!, inputOf(OPEN_FIELDS, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showNew(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = 'The enquiry has been recorded.';
    return reply.redirect(`/intercountry-adoptions/${id}`, 303);
  });

  app.get('/intercountry-adoptions/:id', async (request, reply) => {
    const v = await intercountry.viewIntercountry(db, request.ctx!, idFrom(request.params));
    const { a } = v;
    const href = (step: IntercountryStep) => v.steps.includes(step) && (step === 'outcome' ? v.can.close : v.can.work) && `/intercountry-adoptions/${a.id}/steps/${step}`;
    const sections: Section[] = [
      { title: 'Applicants', id: 'people', rows: [
        row('Applicants', a.applicant2Name ? `${a.applicant1Name} and ${a.applicant2Name}` : a.applicant1Name), row('Child\'s country', a.country),
        row('Route', a.hague ? 'Hague Convention country' : 'Not a Hague Convention country'), row('Council', a.councilName), row('Enquiry', day(a.enquiryOn)),
      ] },
      { title: 'Assessment and approval', id: 'assessment', rows: [
        row('Assessment commissioned', a.assessmentCommissionedOn ? `${day(a.assessmentCommissionedOn)} from ${a.assessmentProvider}` : null, href('commissioned')),
        row('Assessment completed', day(a.assessmentCompletedOn), href('assessment-completed')), row('Panel recommendation', day(a.panelOn), href('panel')),
        row('Agency decision', a.decision ? `${DECISIONS[a.decision]} on ${day(a.decisionOn)}` : null, href('decision')),
      ] },
      { title: 'The DfE and the child', id: 'placement', rows: [
        row('Papers sent to the DfE', day(a.dfePapersSentOn), href('papers-sent')), row('Certificate of eligibility issued', day(a.certificateIssuedOn), href('certificate')),
        row('Child proposed', a.matchedOn ? `${a.childName}, born ${day(a.childDateOfBirth)}: proposed ${day(a.matchedOn)}` : null, href('matched')),
        row('Arrived in England', day(a.arrivedOn), href('arrived')), row('Application for an adoption order', day(a.orderAppliedOn), href('order-applied')),
      ] },
      { title: 'Outcome', id: 'outcome', rows: [row('Outcome', a.outcome ? `${INTERCOUNTRY_OUTCOMES[a.outcome]} on ${day(a.outcomeOn)}` : null, false, 'Open')] },
    ];
    return render(request, reply, 'non-agency-intercountry/views/case.njk', {
      title: `Inter-country adoption: ${a.applicant1Name}`, caption: `Inter-country adoption (${a.country})`, heading: a.applicant2Name ? `${a.applicant1Name} and ${a.applicant2Name}` : a.applicant1Name,
      backLink: '/intercountry-adoptions', closed: a.outcome !== null, standing: v.status, sections, outcomeHref: href('outcome'),
      warnings: v.prompts.map((p) => `${p.title}: ${p.dueOn < request.ctx!.facts.today ? 'was due' : 'due'} ${formatDate(p.dueOn)}.`),
    });
  });

  const ids = (request: FastifyRequest) => paramsFrom(stepParams, request.params);
  const showStep = async (request: FastifyRequest, reply: FastifyReply, values: Body | null, error?: ValidationError) => {
    const { id, step } = ids(request);
    const v = await intercountry.intercountryForStep(db, request.ctx!, id, step);
    const form = INTERCOUNTRY_FORMS[step];
    if (error) reply.code(422);
    return render(request, reply, 'non-agency-intercountry/views/form.njk', {
      title: form.title, caption: `${v.a.applicant1Name}: inter-country adoption (${v.a.country})`, button: form.button, action: `/intercountry-adoptions/${id}/steps/${step}`,
      backLink: `/intercountry-adoptions/${id}`, summary: [{ key: { text: 'Where it stands' }, value: { text: v.status } }],
      values: values ?? valuesOf(form.fields, v.a as unknown as Record<string, unknown>), fields: form.fields,
      errors: error ? formErrors(error.errors, datesOf(form.fields)) : undefined,
    });
  };

  app.get('/intercountry-adoptions/:id/steps/:step', async (request, reply) => showStep(request, reply, null));

  app.post('/intercountry-adoptions/:id/steps/:step', async (request, reply) => {
    const { id, step } = ids(request);
    const body = (request.body ?? {}) as Body;
    try {
      await intercountry.recordIntercountryStep(db, request.ctx!, id, step, inputOf(INTERCOUNTRY_FORMS[step].fields, body));
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showStep(request, reply, body, invalid);
      throw error;
    }
    request.session.flash = INTERCOUNTRY_FORMS[step].flash;
    return reply.redirect(`/intercountry-adoptions/${id}`, 303);
  });
}
