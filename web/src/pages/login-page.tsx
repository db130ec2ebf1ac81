/** The log-in: username and password, errors announced, the language switch available before signing in. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { LanguageSwitch } from '../components/language-switch';
import { useErrorMessage } from '../components/states';
import { useSession } from '../session';

export function LoginPage() {
  const { t } = useTranslation();
  const { logIn } = useSession();
  const errorMessage = useErrorMessage();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.failed'));
      else setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <header className="login-top">
        <LanguageSwitch />
      </header>
      <main className="login-main" id="main">
        <div className="login-card">
          <div className="login-brand">
            <span className="brand-mark" aria-hidden="true">
              C
            </span>
            <div>
              <h1>{t('common.appName')}</h1>
              <p className="muted">{t('login.tagline')}</p>
            </div>
          </div>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <h2 className="login-heading">{t('login.title')}</h2>
            <div className="field">
              <label htmlFor="username">{t('login.username')}</label>
              <input
                id="username"
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                dir="ltr"
                autoFocus
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('login.password')}</label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                dir="ltr"
              />
            </div>
            <div className="form-error" role="alert" aria-live="assertive">
              {error}
            </div>
            <button
              type="submit"
              className="button button-primary button-block"
              disabled={busy || !username || !password}
            >
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
          <p className="login-notice">{t('login.notice')}</p>
        </div>
      </main>
    </div>
  );
}
