import { platformCases } from './platform';
import { reportCases } from './reports';
import { incidentCases } from './incidents';
import type { RouteCase } from './types';
import { registerRecordCases } from './register-record';
import { housingCases } from './housing';
import { monitoringCases } from './monitoring';
import { legalCases } from './legal';
import { repatriationCases } from './repatriation';

/** Every module's route cases. A module that adds routes adds its file here. */
export const routeCases: RouteCase[] = [...platformCases, ...incidentCases, ...reportCases, ...monitoringCases, ...housingCases, ...legalCases, ...repatriationCases, ...registerRecordCases];
