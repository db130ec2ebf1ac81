import type { Command } from '../command';
import allocate from './allocate';
import audit from './audit';
import demo from './demo';
import demoIntelligence from './demo-intelligence';
import exportCommand from './export';
import identity from './identity';
import importCommand from './import';
import migrate from './migrate';
import report from './report';
import serve from './serve';
import start from './start';
import users from './users';

/** Every subcommand of `custodia`, in the order `custodia --help` lists them. */
export const commands: Command[] = [
  serve,
  migrate,
  users,
  audit,
  allocate,
  identity,
  demo,
  demoIntelligence,
  start,
  report,
  exportCommand,
  importCommand,
];
