import { randomBytes } from 'node:crypto';
import { systemActor } from '../../platform/http/actor';
import { ROLES } from '../../platform/auth/policy';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const command: Command = {
  name: 'users',
  summary: 'add, list, disable accounts and reset passwords',
  usage: `custodia users add --username NAME --role ROLE (--all-sites | --sites CODE[,CODE…]) [--name "Display Name"] [--password P] [--expires ISO-TIME]
custodia users list [--json]
custodia users disable --username NAME
custodia users enable --username NAME
custodia users reset-password --username NAME [--password P]

Roles: ${ROLES.join(', ')}. Inspectors need --expires (their access ends then).
Without --password a random one is generated and printed once on stdout.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, {
      username: 'string',
      role: 'string',
      name: 'string',
      password: 'string',
      sites: 'string',
      'all-sites': 'boolean',
      expires: 'string',
      json: 'boolean',
    });
    const verb = rest[0];
    if (!verb || rest.length > 1)
      throw new UsageError('expected a verb: add, list, disable, enable, reset-password');
    const { services } = await openServices();
    const actor = systemActor('cli');
    try {
      const byName = async () => {
        if (!flags.username) throw new UsageError('--username is required');
        const user = await services.users.findByUsername(flags.username);
        if (!user) throw new UsageError(`no user named ${flags.username}`);
        return user;
      };
      switch (verb) {
        case 'add': {
          if (!flags.username || !flags.role) throw new UsageError('--username and --role are required');
          let siteIds: string[] = [];
          if (flags.sites) {
            const codes = flags.sites.split(',').map((s) => s.trim());
            const sites = await services.db
              .selectFrom('sites')
              .select(['id', 'code'])
              .where('code', 'in', codes)
              .execute();
            const missing = codes.filter((c) => !sites.some((s) => s.code === c));
            if (missing.length) throw new UsageError(`unknown site code ${missing.join(', ')}`);
            siteIds = sites.map((s) => s.id);
          }
          const password = flags.password ?? randomBytes(12).toString('base64url');
          const user = await services.users.create(actor, {
            username: flags.username,
            displayName: flags.name ?? flags.username,
            password,
            role: flags.role,
            allSites: !!flags['all-sites'],
            siteIds,
            accessExpiresAt: flags.expires ?? null,
          });
          io.stdout(flags.password ? `${user.username}\n` : `${user.username} ${password}\n`);
          return 0;
        }
        case 'list': {
          const users = await services.users.list();
          if (flags.json) io.stdout(JSON.stringify(users) + '\n');
          else
            for (const u of users)
              io.stdout(
                `${u.username}\t${u.role}\t${u.allSites ? 'all sites' : `${u.siteIds.length} site(s)`}\t${u.disabled ? 'disabled' : u.lockedOut ? 'locked' : 'active'}\n`,
              );
          return 0;
        }
        case 'disable':
        case 'enable': {
          const user = await byName();
          await services.users.update(actor, user.id, { disabled: verb === 'disable' });
          io.stderr(`${user.username} ${verb}d\n`);
          return 0;
        }
        case 'reset-password': {
          const user = await byName();
          const password = flags.password ?? randomBytes(12).toString('base64url');
          await services.users.resetPassword(actor, user.id, password);
          if (!flags.password) io.stdout(`${password}\n`);
          io.stderr(`password of ${user.username} reset; lock-out lifted, sessions ended\n`);
          return 0;
        }
        default:
          throw new UsageError(`unknown verb ${verb}`);
      }
    } finally {
      await services.store.close();
    }
  },
};
export default command;
