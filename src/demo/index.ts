export { loadDemo, loadedDemo, demoLogins, parseSeed, storeContents } from './load-demo';
export type { DemoSummary, DemoLogin } from './load-demo';
export { generateDemo, DEMO_REFERENCE_DATE } from './generate-demo';
export type { DemoPlan, ManifestRow } from './generate-demo';
export { manifestCsv, foreignManifestCsv, MANIFEST_COLUMNS, FOREIGN_COLUMNS } from './manifest-files';
