import type { EstateTables } from '../../modules/estate/tables';
import type { RegisterTables } from '../../modules/register/tables';
import type { MonitoringTables } from '../../modules/monitoring/tables';
import type { HousingTables } from '../../modules/housing/tables';
import type { PlatformTables } from './platform-tables';

/**
 * The whole schema, for Kysely's types. Each module owns its tables' types in its `tables.ts`;
 * this is the one place they meet (type-only imports, so the platform still depends on no
 * module at run time).
 */
export interface Database extends PlatformTables, EstateTables, RegisterTables, MonitoringTables, HousingTables {}
