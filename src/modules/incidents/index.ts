export { incidentRoutes } from './routes';
export {
  IncidentsService,
  INCIDENT_TYPES,
  INCIDENT_STATUSES,
  PERSON_ROLES,
  INJURIES,
} from './incidents-service';
export type {
  IncidentType,
  IncidentStatus,
  IncidentRecord,
  IncidentListItem,
  IncidentInput,
  RehousingItem,
} from './incidents-service';
export { PostureService, POSTURE_LEVELS } from './posture-service';
export type { PostureLevel, SitePosture, HeadcountStarter, ThreatPicture } from './posture-service';
export { NotificationTasksService, NOTIFICATION_KINDS } from './notification-tasks-service';
export type {
  NotificationKind,
  NewNotificationTask,
  NotificationTaskView,
} from './notification-tasks-service';
export { FICTIONAL_REGION } from './geodata/fictional-region';
export { DEMO_SITE_LOCATIONS, placeDemoSites } from './geodata/demo-site-locations';
