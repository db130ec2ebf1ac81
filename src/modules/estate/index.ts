export { estateRoutes } from './routes';
export { EstateService } from './estate-service';
export type {
  SiteSummary,
  WingView,
  CellView,
  Sex,
  AgeGroup,
  CellUse,
  NewEstateSite,
} from './estate-service';
