// Kysely's view of migrations/025_finance.sql, merged into the shared Database type (decision 005).
import type { Generated } from 'kysely';
import type { Band, LookedAfterBasis, ProjectionMethod, BudgetLine } from './model.ts';

declare module '../core/schema.ts' {
  interface Database {
    finance_population: FinancePopulationTable;
    finance_looked_after: FinanceLookedAfterTable;
    finance_projection_method: FinanceProjectionMethodTable;
    finance_service: FinanceServiceTable;
    finance_service_council: FinanceServiceCouncilTable;
    finance_budget: FinanceBudgetTable;
    finance_staffing: FinanceStaffingTable;
    finance_contribution: FinanceContributionTable;
    finance_foster_cost: FinanceFosterCostTable;
  }
}

export interface FinancePopulationTable {
  council_id: string;
  year: number;
  band: Band;
  people: number;
  imported_at: Generated<Date>;
}

export interface FinanceLookedAfterTable {
  council_id: string;
  year: number;
  basis: LookedAfterBasis;
  band: Band;
  children: number;
  imported_at: Generated<Date>;
}

export interface FinanceProjectionMethodTable {
  council_id: string;
  method: ProjectionMethod;
  percent: number | null;
  updated_at: Generated<Date>;
}

export interface FinanceServiceTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

export interface FinanceServiceCouncilTable {
  service_id: string;
  council_id: string;
}

export interface FinanceBudgetTable {
  service_id: string;
  year: number;
  line: BudgetLine;
  amount_pence: number;
  updated_at: Generated<Date>;
}

export interface FinanceStaffingTable {
  service_id: string;
  year: number;
  fte: number;
  updated_at: Generated<Date>;
}

export interface FinanceContributionTable {
  id: Generated<string>;
  council_id: string;
  year: number;
  source: string;
  amount_pence: number;
  created_at: Generated<Date>;
}

export interface FinanceFosterCostTable {
  council_id: string;
  monthly_pence: number;
  updated_at: Generated<Date>;
}
