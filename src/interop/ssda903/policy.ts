// Who may move a council's SSDA903 data in and out of Mercia. The return is the council's
// own statutory return about its own children: only its analysts and administrators may
// import it, export it or see its runs and findings (which name children). Partnership
// staff never do, whatever the operating model pools: the council stays responsible.
import { hasRole, inOwnOrganisation } from '../../core/access.ts';
import { Policy } from '../../core/policy.ts';

export interface CouncilReturn {
  councilId: string;
}

export type ReturnAction = 'import' | 'export' | 'view-runs';

const councilData = (roles: Parameters<typeof hasRole>[1][]) =>
  (actor: Parameters<typeof hasRole>[0], _facts: unknown, r: CouncilReturn) => hasRole(actor, ...roles) && inOwnOrganisation(actor, r.councilId);

export const returnPolicy = new Policy<CouncilReturn, ReturnAction>('ssda903-return')
  .allow('import', councilData(['analyst', 'admin']))
  .allow('export', councilData(['analyst', 'admin']))
  .allow('view-runs', councilData(['analyst', 'admin']));
