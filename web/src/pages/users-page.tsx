/** User administration (user.manage): accounts, create, disable or enable, reset a password. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ROLES, type Site, type User } from '../api';
import { siteName } from '../components/site-name';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { useApi } from '../use-api';

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const users = useApi(() => api.users(), []);
  const sites = useApi(() => api.sites(), []);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const siteById = new Map((sites.data ?? []).map((s) => [s.id, s]));

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header page-header-row">
        <h1 id="page-title">{t('users.title')}</h1>
        {!creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            {t('users.create')}
          </button>
        )}
      </header>
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {creating && (
        <CreateUserForm
          sites={sites.data ?? []}
          onDone={(created) => {
            setCreating(false);
            if (created) {
              setStatus(t('users.created', { username: created.username }));
              users.reload();
            }
          }}
        />
      )}
      {users.loading && <Loading />}
      {users.error && <ErrorState error={users.error} onRetry={users.reload} />}
      {users.data && (
        <div className="panel">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.displayName')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.sites')}</th>
                  <th scope="col">{t('users.state')}</th>
                  <th scope="col">{t('users.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow
                    key={u.id}
                    user={u}
                    sites={
                      u.allSites
                        ? t('users.allSites')
                        : u.siteIds
                            .map((id) => (siteById.get(id) ? siteName(siteById.get(id)!, i18n.language) : id))
                            .join('، ')
                    }
                    onChanged={(message) => {
                      setStatus(message);
                      users.reload();
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function UserRow({
  user,
  sites,
  onChanged,
}: {
  user: User;
  sites: string;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const errorMessage = useErrorMessage();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setResetting(false);
      setPassword('');
      onChanged(message);
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    } finally {
      setBusy(false);
    }
  };

  const reset = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 12) {
      setError(t('users.passwordTooShort'));
      return;
    }
    void run(
      () => api.resetPassword(user.id, password),
      t('users.passwordReset', { username: user.username }),
    );
  };

  const state = user.disabled ? 'disabled' : user.lockedOut ? 'locked' : 'active';
  return (
    <tr>
      <td className="code">{user.username}</td>
      <td data-value>{user.displayName}</td>
      <td>{t(`common.roles.${user.role}`, { defaultValue: user.role })}</td>
      <td>{sites}</td>
      <td>
        <span className={`badge badge-user-${state}`}>{t(`users.states.${state}`)}</span>
        {user.accessExpiresAt && (
          <div className="muted small">{t('users.expires', { at: f.date(user.accessExpiresAt) })}</div>
        )}
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run(
                () => api.updateUser(user.id, { disabled: !user.disabled }),
                user.disabled
                  ? t('users.enabled', { username: user.username })
                  : t('users.disabledMessage', { username: user.username }),
              )
            }
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
          {!resetting && (
            <button type="button" className="button" onClick={() => setResetting(true)}>
              {t('users.resetPassword')}
            </button>
          )}
        </div>
        {resetting && (
          <form className="inline-form" onSubmit={reset} noValidate>
            <div className="field">
              <label htmlFor={`pw-${user.id}`}>{t('users.newPassword')}</label>
              <input
                id={`pw-${user.id}`}
                type="password"
                autoComplete="new-password"
                dir="ltr"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={`pw-hint-${user.id}`}
                autoFocus
              />
              <small id={`pw-hint-${user.id}`} className="hint">
                {t('users.passwordHint')}
              </small>
            </div>
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {t('users.resetPassword')}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setResetting(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
        <div className="form-error" role="alert" aria-live="assertive">
          {error}
        </div>
      </td>
    </tr>
  );
}

function CreateUserForm({ sites, onDone }: { sites: Site[]; onDone(created: User | null): void }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'officer',
    allSites: false,
    siteIds: [] as string[],
    language: 'ar' as 'en' | 'ar',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^[A-Za-z0-9._-]{3,64}$/.test(form.username)) return setError(t('users.usernameInvalid'));
    if (!form.displayName.trim()) return setError(t('users.displayNameRequired'));
    if (form.password.length < 12) return setError(t('users.passwordTooShort'));
    if (!form.allSites && form.siteIds.length === 0) return setError(t('users.sitesRequired'));
    setBusy(true);
    setError(null);
    try {
      const created = await api.createUser({
        ...form,
        displayName: form.displayName.trim(),
        siteIds: form.allSites ? [] : form.siteIds,
      });
      onDone(created);
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
      setBusy(false);
    }
  };

  return (
    <form
      className="panel form-grid"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="create-user-title"
      noValidate
    >
      <h2 id="create-user-title">{t('users.create')}</h2>
      <div className="field">
        <label htmlFor="new-username">{t('users.username')}</label>
        <input
          id="new-username"
          dir="ltr"
          autoComplete="off"
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.target.value })}
          required
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor="new-display">{t('users.displayName')}</label>
        <input
          id="new-display"
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t('users.password')}</label>
        <input
          id="new-password"
          type="password"
          dir="ltr"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          aria-describedby="new-password-hint"
          required
        />
        <small id="new-password-hint" className="hint">
          {t('users.passwordHint')}
        </small>
      </div>
      <div className="field">
        <label htmlFor="new-role">{t('users.role')}</label>
        <select id="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`common.roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-language">{t('users.language')}</label>
        <select
          id="new-language"
          value={form.language}
          onChange={(e) => setForm({ ...form, language: e.target.value as 'en' | 'ar' })}
        >
          <option value="ar">{t('common.language.ar')}</option>
          <option value="en">{t('common.language.en')}</option>
        </select>
      </div>
      <fieldset className="field field-wide">
        <legend>{t('users.sites')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={form.allSites}
            onChange={(e) => setForm({ ...form, allSites: e.target.checked })}
          />
          {t('users.allSites')}
        </label>
        {!form.allSites &&
          sites.map((s) => (
            <label className="check" key={s.id}>
              <input
                type="checkbox"
                checked={form.siteIds.includes(s.id)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    siteIds: e.target.checked
                      ? [...form.siteIds, s.id]
                      : form.siteIds.filter((id) => id !== s.id),
                  })
                }
              />
              {siteName(s, i18n.language)}
            </label>
          ))}
      </fieldset>
      <div className="form-error field-wide" role="alert" aria-live="assertive">
        {error}
      </div>
      <div className="actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('users.createSubmit')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
