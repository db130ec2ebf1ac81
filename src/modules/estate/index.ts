export { estateRoutes } from './routes';
export { EstateService } from './estate-service';
export type { SiteSummary, WingView, CellView, Sex, AgeGroup, CellUse } from './estate-service';
