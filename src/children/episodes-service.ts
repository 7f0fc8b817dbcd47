// A child's care episodes written in another area's transaction: placements' move and disruption
// (a new episode) and adoption order (the open episode ends). The same rules and audit as
// addEpisode on the child's own page, which calls addEpisodeIn.
import { auditActor, type RequestContext } from '../core/access.ts';
import { recordAudit } from '../core/audit.ts';
import { formatDate } from '../core/dates.ts';
import type { Db } from '../core/db.ts';
import { ValidationError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import { episodeInput } from './input.ts';
import { loadChild, refreshDerived } from './loading.ts';
import { episodeProblems, type Episode } from './model.ts';
import { placeChangeProblems } from './return-fields.ts';
import * as store from './store.ts';

/**
 * addEpisode in the caller's transaction, for placements (the move, a disruption) that write the
 * child's care with their own rows. The reason for a change of placement is given with the new
 * episode but kept on the one it ends (the DfE's convention, rule 225); CIN and the home postcode
 * carry on from that episode unless given (the same period of care).
 */
export async function addEpisodeIn(tx: Db, ctx: RequestContext, id: string, raw: unknown, options: { seal?: boolean } = {}): Promise<string> {
  const input = parseInput(episodeInput, raw);
  // Placements go on after the order (a disruption): the sealed case record does not stop them (policy.ts withoutSeal).
  const child = await loadChild(tx, ctx, id, 'update', { seal: options.seal === true });
  const episodes = await store.episodesOf(tx, id);
  if (input.startDate > ctx.facts.today) throw ValidationError.of('startDate', 'Start date cannot be in the future');
  // A continuing episode closes the open one on the day it begins (X1: episode ceases, a new one begins the same day).
  const open = episodes.find((e) => e.endDate === null);
  const closes = open !== undefined && input.rne !== 'S' && open.startDate < input.startDate;
  const history = closes ? episodes.map((e) => (e === open ? { ...e, endDate: input.startDate, reasonCeased: 'X1' } : e)) : episodes;
  // The episode this one follows in the same period of care: the open one it closes, or one already ended X1 that day.
  const last = episodes.at(-1);
  const previous = closes ? open : input.rne !== 'S' && last?.endDate === input.startDate && last.reasonCeased === 'X1' ? last : null;
  const episode: Omit<Episode, 'id'> = {
    startDate: input.startDate, rne: input.rne, legalStatus: input.legalStatus ?? null, placement: input.placement ?? null, placementProvider: input.placementProvider ?? null,
    endDate: input.endDate ?? null, reasonCeased: input.reasonCeased ?? null, cin: input.cin ?? previous?.cin ?? null, reasonPlaceChange: null,
    homePostcode: input.homePostcode ?? previous?.homePostcode ?? null, placementPostcode: input.placementPostcode ?? null, urn: input.urn ?? null,
  };
  const reason = input.reasonPlaceChange ?? null;
  const problems = [...episodeProblems(history, episode, child.dateOfBirth), ...placeChangeProblems(previous, episode, reason)];
  if (problems.length) throw new ValidationError(problems);
  if (closes) await store.closeEpisode(tx, open.id!, input.startDate, 'X1', reason);
  else if (previous && reason) await store.setPlaceChangeReason(tx, previous.id!, reason);
  const episodeId = await store.insertEpisode(tx, id, episode);
  await refreshDerived(tx, id, ctx.facts.today);
  const ended = previous ? {
    episode: previous.id, before: { endDate: previous.endDate, reasonCeased: previous.reasonCeased, reasonPlaceChange: previous.reasonPlaceChange ?? null },
    after: { endDate: input.startDate, reasonCeased: 'X1', reasonPlaceChange: reason ?? previous.reasonPlaceChange ?? null },
  } : undefined;
  await recordAudit(tx, { actor: auditActor(ctx.actor), action: 'create', recordType: 'care-episode', recordId: episodeId, ownerId: child.placingAuthorityId, detail: { child: id, after: episode, ...(ended ? { ended } : {}) } });
  return episodeId;
}

/**
 * End the child's open care episode on a day with the reason it ceased (an adoption order: REC
 * E11/E12), in the caller's transaction (placements). Refused when nothing is open or the day
 * comes before the episode began or after today.
 */
export async function endCareIn(tx: Db, ctx: RequestContext, id: string, end: { endDate: string; reasonCeased: string; field: string }): Promise<void> {
  const child = await loadChild(tx, ctx, id, 'update', { seal: false });
  const open = (await store.episodesOf(tx, id)).find((e) => e.endDate === null);
  if (!open) throw ValidationError.of(end.field, `${child.firstName} has no open care episode to end: record the care history on the child's page first`);
  if (end.endDate < open.startDate) throw ValidationError.of(end.field, `The date (${formatDate(end.endDate)}) cannot be before ${child.firstName}'s current care episode began (${formatDate(open.startDate)})`);
  if (end.endDate > ctx.facts.today) throw ValidationError.of(end.field, 'The date cannot be in the future');
  await store.closeEpisode(tx, open.id!, end.endDate, end.reasonCeased);
  await refreshDerived(tx, id, ctx.facts.today);
  await recordAudit(tx, {
    actor: auditActor(ctx.actor), action: 'update', recordType: 'care-episode', recordId: open.id!, ownerId: child.placingAuthorityId,
    detail: { child: id, before: { endDate: null, reasonCeased: null }, after: { endDate: end.endDate, reasonCeased: end.reasonCeased } },
  });
}
