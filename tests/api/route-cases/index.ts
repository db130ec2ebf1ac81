import { platformCases } from './platform';
import { reportCases } from './reports';
import { incidentCases } from './incidents';
import { communicationsCases } from './communications';
import type { RouteCase } from './types';
import { intakeCases } from './intake';
import { registerRecordCases } from './register-record';
import { housingCases } from './housing';
import { monitoringCases } from './monitoring';
import { legalCases } from './legal';
import { repatriationCases } from './repatriation';
import { safeguardsCases } from './safeguards';

/** Every module's route cases. A module that adds routes adds its file here. */
export const routeCases: RouteCase[] = [
  ...platformCases,
  ...incidentCases,
  ...communicationsCases,
  ...reportCases,
  ...monitoringCases,
  ...housingCases,
  ...legalCases,
  ...repatriationCases,
  ...registerRecordCases,
  ...intakeCases,
  ...safeguardsCases,
];
