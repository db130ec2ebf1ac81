export { reportRoutes } from './routes';
export { ReportsService, POPULATION_GROUPINGS, EXPORT_COLUMNS } from './reports-service';
export type { PopulationGrouping, PopulationRow } from './reports-service';
