import type { EstateTables } from '../../modules/estate/tables';
import type { RegisterTables } from '../../modules/register/tables';
import type { MonitoringTables } from '../../modules/monitoring/tables';
import type { IncidentsTables } from '../../modules/incidents/tables';
import type { CommunicationsTables } from '../../modules/communications/tables';
import type { HousingTables } from '../../modules/housing/tables';
import type { LegalTables } from '../../modules/legal/tables';
import type { RepatriationTables } from '../../modules/repatriation/tables';
import type { IntakeTables } from '../../modules/intake/tables';
import type { SafeguardsTables } from '../../modules/safeguards/tables';
import type { PlatformTables } from './platform-tables';

/**
 * The whole schema, for Kysely's types. Each module owns its tables' types in its `tables.ts`;
 * this is the one place they meet (type-only imports, so the platform still depends on no
 * module at run time).
 */
export interface Database
  extends
    PlatformTables,
    EstateTables,
    RegisterTables,
    MonitoringTables,
    IncidentsTables,
    CommunicationsTables,
    HousingTables,
    LegalTables,
    RepatriationTables,
    IntakeTables,
    SafeguardsTables {}
