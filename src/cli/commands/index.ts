import type { Command } from '../command';
import allocate from './allocate';
import audit from './audit';
import demo from './demo';
import identity from './identity';
import migrate from './migrate';
import serve from './serve';
import users from './users';

/** Every subcommand of `custodia`, in the order `custodia --help` lists them. */
export const commands: Command[] = [serve, migrate, users, audit, allocate, identity, demo];
