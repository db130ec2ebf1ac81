export { authRoutes } from './routes';
export { UsersService, LockedOut, LOGIN_FREE_FAILURES, LOGIN_LOCKOUT_FAILURES } from './users-service';
export type { NewUser, UserView, TokenView } from './users-service';
