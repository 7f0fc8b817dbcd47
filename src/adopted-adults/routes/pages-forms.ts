// The forms on a request: counselling, a step, a veto, and closing with the outcome. Each is a
// plain GOV.UK form (views/form.njk) that re-shows itself naming the field when the service
// refuses the input, and redirects to the request when it is saved.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/access.ts';
import { formatDate } from '../../core/dates.ts';
import type { Db } from '../../core/db.ts';
import type { ValidationError } from '../../core/errors.ts';
import { asValidationError, formErrors, idFrom, type Body, type Item } from '../../core/http/forms.ts';
import { render } from '../../core/http/render.ts';
import type { AppServices } from '../../core/http/types.ts';
import { ANSWERS, COUNSELLORS, OUTCOMES, REQUEST_KINDS, STEPS, VETO_KINDS } from '../model.ts';
import * as service from '../service.ts';
import { checkboxField, dateField, datesOf, inputField, inputOf, radioField, textField, withItems, type Field } from '../../core/http/form-fields.ts';

type RequestForm = Awaited<ReturnType<typeof service.requestForForm>>;

interface FormPage {
  path: string;
  form: 'work' | 'close';
  title: string;
  button: string;
  flash: string;
  /** The form's fields for the request; with no request, every field the form may have (to read a posted form). */
  fields: (v?: RequestForm) => Field[];
  items?: (v: RequestForm) => Record<string, Item[]>;
  save: (db: Db, ctx: RequestContext, id: string, input: Record<string, unknown>) => Promise<unknown>;
}

const pick = <K extends string>(codes: Record<K, string>, keys: readonly K[]): Item[] => keys.map((value) => ({ value, text: codes[value] }));

/** Warnings a worker must see before acting: vetoes on the adopted person, and counselling still required. */
function warningsOf(v: RequestForm): string[] {
  const out = v.vetoes.concat(v.elsewhere).map((x) => (x.kind === 'absolute'
    ? `Absolute veto registered ${formatDate(x.registeredOn)}: no approach may be made to the adopted person.`
    : `Qualified veto registered ${formatDate(x.registeredOn)}: approaches only when ${x.circumstances}`));
  if (v.counsellingNeed.required && v.counselling.length === 0) out.push('Counselling is required before birth records information is given, and none is recorded yet.');
  return out;
}

const PAGES: FormPage[] = [
  {
    path: '/adopted-adults/:id/counselling/new', form: 'work', title: 'Record counselling', button: 'Record the counselling', flash: 'The counselling has been recorded.',
    fields: () => [
      dateField('heldOn', 'Date of the session', 'A session booked ahead may be recorded too'), radioField('counsellor', 'Who gave the counselling', COUNSELLORS),
      inputField('minutes', 'Length of the session in minutes (optional)'), textField('note', 'Note (optional)'),
    ],
    save: (db, ctx, id, input) => service.addCounselling(db, ctx, id, input),
  },
  {
    path: '/adopted-adults/:id/steps/new', form: 'work', title: 'Record a step', button: 'Record the step', flash: 'The step has been recorded.',
    fields: (v) => [
      radioField('step', 'Step', {}), dateField('on', 'Date of the step'),
      ...(!v || v.r.kind === 'intermediary' ? [inputField('person', 'Who was traced or approached (optional)', 'For example, the birth mother'), radioField('answer', 'Their answer (only when recording their answer)', ANSWERS)] : []),
      ...(!v || v.state.vetoes.some((x) => x.kind === 'qualified') ? [checkboxField('meetsVetoCircumstances', 'This approach meets the circumstances stated in the adopted person\'s qualified veto')] : []),
      textField('note', 'Note (optional)'),
    ],
    items: (v) => ({ step: pick(STEPS, v.nextSteps) }),
    save: (db, ctx, id, input) => service.addStep(db, ctx, id, input),
  },
  {
    path: '/adopted-adults/:id/vetoes/new', form: 'work', title: 'Record a veto', button: 'Record the veto', flash: 'The veto has been recorded.',
    fields: () => [
      radioField('kind', 'Kind of veto', VETO_KINDS), dateField('registeredOn', 'Date the adopted person registered it'),
      textField('circumstances', 'Circumstances in which approaches may be made', 'For a qualified veto only'),
    ],
    save: (db, ctx, id, input) => service.addVeto(db, ctx, id, input),
  },
  {
    path: '/adopted-adults/:id/close', form: 'close', title: 'Close the request', button: 'Close the request', flash: 'The request has been closed.',
    fields: () => [radioField('outcome', 'Outcome', {}), dateField('closedOn', 'Date closed'), textField('reason', 'Reason', 'Required when the request is refused')],
    items: (v) => ({ outcome: pick(OUTCOMES, v.outcomes) }),
    save: (db, ctx, id, input) => service.closeRequest(db, ctx, id, input),
  },
];

export function formPageRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  for (const page of PAGES) {
    const show = async (request: FastifyRequest, reply: FastifyReply, values: Body, error?: ValidationError) => {
      const id = idFrom(request.params);
      const v = await service.requestForForm(db, request.ctx!, id, page.form);
      const fields = withItems(page.fields(v), page.items?.(v) ?? {});
      if (error) reply.code(422);
      return render(request, reply, 'adopted-adults/views/form.njk', {
        title: page.title, caption: `${v.r.applicantGivenName} ${v.r.applicantFamilyName}: ${REQUEST_KINDS[v.r.kind].toLowerCase()}`, button: page.button,
        action: request.url.split('?')[0], backLink: `/adopted-adults/${id}`, values, fields, warnings: warningsOf(v),
        errors: error ? formErrors(error.errors, datesOf(fields)) : undefined,
      });
    };

    app.get(page.path, async (request, reply) => show(request, reply, {}));

    app.post(page.path, async (request, reply) => {
      const id = idFrom(request.params);
      const body = (request.body ?? {}) as Body;
      try {
        await page.save(db, request.ctx!, id, inputOf(page.fields(), body));
      } catch (error) {
        const invalid = asValidationError(error);
        if (invalid) return show(request, reply, body, invalid);
        throw error;
      }
      request.session.flash = page.flash;
      return reply.redirect(`/adopted-adults/${id}`, 303);
    });
  }
}
