// Registering a child and changing their details.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import { LikelyDuplicatesError, MATCH_REASONS } from '../../core/likely-duplicates.ts';
import { dateFromParts } from '../../core/http/forms.ts';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { AppServices } from '../../core/http/types.ts';
import { render } from '../../core/http/render.ts';
import { ETHNICITIES, LEGAL_STATUSES, NEED_CATEGORIES, PLACEMENT_PROVIDERS, PLACEMENTS, SEXES } from '../codes.ts';
import * as children from '../service.ts';
import { asValidationError, codeItems, dateParts, idFrom, many, one, pageErrors, type Body } from '../../core/http/forms.ts';


/** The select, radio and checkbox choices both forms offer. */
const CHOICES = {
  sexItems: codeItems(SEXES, undefined, false),
  ethnicityItems: codeItems(ETHNICITIES, 'Choose an ethnicity'),
  legalStatusItems: codeItems(LEGAL_STATUSES, 'Not known yet'),
  placementItems: codeItems(PLACEMENTS, 'Not known yet'),
  providerItems: codeItems(PLACEMENT_PROVIDERS, 'Not known yet'),
  needItems: codeItems(NEED_CATEGORIES, undefined, false),
};

/** The details both forms share, from the form body. Notes on needs the form does not show are kept. */
function detailsFrom(body: Body, needNotes: Record<string, string | null> = {}) {
  return {
    firstName: one(body, 'firstName'), lastName: one(body, 'lastName'), dateOfBirth: dateFromParts(body, 'dateOfBirth'),
    sex: one(body, 'sex'), ethnicity: one(body, 'ethnicity') || undefined, upn: one(body, 'upn'), laChildRef: one(body, 'laChildRef'),
    disabled: one(body, 'disabled') === 'yes', disabilityDescription: one(body, 'disabilityDescription'),
    religion: one(body, 'religion'), firstLanguage: one(body, 'firstLanguage'), legalStatusNote: one(body, 'legalStatusNote'),
    socialWorkerId: one(body, 'socialWorkerId'), familyFinderId: one(body, 'familyFinderId'),
    needs: many(body, 'needs').map((category) => ({ category, notes: needNotes[category] ?? undefined })),
    // The form shows the whole answer: unanswered clears it (a change), or leaves it unrecorded (registering).
    mother: one(body, 'mother') || null, motherChildDob: dateFromParts(body, 'motherChildDob') ?? null,
  };
}

/** The people who can be allocated to the child (or to a new one), as select items. */
async function workerItems(db: Db, ctx: RequestContext, childId?: string) {
  const { socialWorkers, familyFinders } = await children.allocatableWorkers(db, ctx, childId);
  const items = (people: { id: string; displayName: string; organisationName: string }[], empty: string) =>
    [{ value: '', text: empty }, ...people.map((p) => ({ value: p.id, text: `${p.displayName} (${p.organisationName})` }))];
  return { socialWorkerItems: items(socialWorkers, 'Not allocated'), familyFinderItems: items(familyFinders, 'Not allocated') };
}

/** Form values with the checkboxes as arrays (as govukCheckboxes' `values` wants them). */
const formValues = (body: Body) => ({ ...body, needs: many(body, 'needs') });

const DATE_FIELDS = ['dateOfBirth', 'enteredCare', 'motherChildDob'];

export function childDetailsRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;

  // ---- register a child ----------------------------------------------------------------

  function mayRegister(request: FastifyRequest): void {
    const ctx = request.ctx!;
    // A child is registered by the council that looks after them: its own social workers and managers.
    if (!children.mayRegister(ctx)) throw new ForbiddenError('Only a council\'s social workers and team managers register its children');
  }

  async function showCreate(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, error?: ValidationError, duplicates?: readonly children.ChildDuplicate[]) {
    if (error) reply.code(422);
    // Nothing was stored: the same form, with the children it may be, until the person goes on.
    else if (duplicates?.length) reply.code(409);
    return render(request, reply, 'children/views/create.njk', {
      title: 'Register a child', ...CHOICES, ...(await workerItems(db, request.ctx!)), values, backLink: '/children',
      errors: error ? pageErrors(error, DATE_FIELDS) : undefined,
      duplicates: duplicates?.map((d) => ({ ...d, why: d.reasons.map((r) => MATCH_REASONS[r]).join('; ') })),
    });
  }

  app.get('/children/new', async (request, reply) => {
    mayRegister(request);
    const ctx = request.ctx!;
    const own = (await children.councilsInScope(db, ctx)).find((c) => c.id === ctx.actor.orgId);
    return showCreate(request, reply, { placingAuthority: own?.code ?? '', needs: [] });
  });

  app.post('/children/new', async (request, reply) => {
    mayRegister(request);
    const body = request.body as Body;
    const input = {
      ...detailsFrom(body), placingAuthority: one(body, 'placingAuthority'), enteredCare: dateFromParts(body, 'enteredCare'),
      legalStatus: one(body, 'legalStatus'), placement: one(body, 'placement'), placementProvider: one(body, 'placementProvider'),
      confirmNotDuplicate: one(body, 'confirmNotDuplicate'),
    };
    let id: string;
    try {
      id = await children.create(db, request.ctx!, input, { warnOfDuplicates: true });
    } catch (error) {
      if (error instanceof LikelyDuplicatesError) return showCreate(request, reply, formValues(body), undefined, error.duplicates as children.ChildDuplicate[]);
      // The council is a choice on the form: refusing it is an answer beside that field.
      const invalid = error instanceof ForbiddenError ? ValidationError.of('placingAuthority', error.message) : asValidationError(error);
      if (invalid) return showCreate(request, reply, formValues(body), invalid);
      throw error;
    }
    request.session.flash = `${input.firstName?.trim()} ${input.lastName?.trim()} has been registered.`;
    return reply.redirect(`/children/${id}`, 303);
  });

  // ---- change details --------------------------------------------------------------------

  async function showEdit(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, unknown> | null, error?: ValidationError) {
    const view = await children.view(db, request.ctx!, id, 'update');
    const { child } = view;
    const current = {
      firstName: child.firstName, lastName: child.lastName, ...dateParts('dateOfBirth', child.dateOfBirth), sex: child.sex,
      ethnicity: child.ethnicity, upn: child.upn, laChildRef: child.laChildRef, disabled: child.disabled ? 'yes' : 'no',
      disabilityDescription: child.disabilityDescription, religion: child.religion, firstLanguage: child.firstLanguage,
      legalStatusNote: child.legalStatusNote, needs: view.needs.map((n) => n.category),
      socialWorkerId: child.socialWorkerId ?? '', familyFinderId: child.familyFinderId ?? '',
      mother: child.mother === '1' ? 'yes' : child.mother === '0' ? 'no' : '', ...dateParts('motherChildDob', child.motherChildDob),
    };
    if (error) reply.code(422);
    return render(request, reply, 'children/views/edit.njk', {
      title: `Change details – ${child.firstName} ${child.lastName}`, child, ...CHOICES, ...(await workerItems(db, request.ctx!, child.id)), values: values ?? current,
      errors: error ? pageErrors(error, DATE_FIELDS) : undefined, backLink: `/children/${id}`,
    });
  }

  app.get('/children/:id/edit', async (request, reply) => showEdit(request, reply, idFrom(request.params), null));

  app.post('/children/:id/edit', async (request, reply) => {
    const id = idFrom(request.params);
    const body = request.body as Body;
    const ctx = request.ctx!;
    const view = await children.view(db, ctx, id, 'update');
    // Needs are ticked on the form; their notes are kept from the record.
    const input = detailsFrom(body, Object.fromEntries(view.needs.map((n) => [n.category, n.notes])));
    try {
      await children.update(db, ctx, id, input);
    } catch (error) {
      const invalid = asValidationError(error);
      if (invalid) return showEdit(request, reply, id, formValues(body), invalid);
      throw error;
    }
    request.session.flash = 'The child\'s details have been changed.';
    return reply.redirect(`/children/${id}`, 303);
  });
}
