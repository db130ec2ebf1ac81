/**
 * The frame of every signed-in page: a skip link, the banner (app name, language, the user, log
 * out), the navigation built from the page registry for this user's permissions, and the main
 * landmark. Below 960px the navigation folds into a menu button (tablets in portrait).
 */
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigationFor } from '../pages/registry';
import { Link, matchPath, useRouter } from '../router';
import { useSession } from '../session';
import { Icon } from './icons';
import { LanguageSwitch } from './language-switch';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, can, logOut } = useSession();
  const { location } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.path]);
  const entries = navigationFor(can);
  const isCurrent = (path: string) =>
    path === '/'
      ? location.path === '/'
      : location.path === path || location.path.startsWith(`${path}/`) || !!matchPath(path, location.path);

  return (
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="banner">
        <button
          type="button"
          className="button button-quiet menu-button"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <Icon name={menuOpen ? 'close' : 'menu'} />
          <span className="visually-hidden">{t('common.menu')}</span>
        </button>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">{t('common.appName')}</span>
        </Link>
        <div className="banner-tools">
          <LanguageSwitch />
          {me && (
            <span className="whoami">
              <span className="whoami-name" data-value>
                {me.name}
              </span>
              <span className="whoami-role">{t(`common.roles.${me.role}`)}</span>
            </span>
          )}
          <button type="button" className="button button-quiet" onClick={() => void logOut()}>
            <Icon name="logout" />
            <span>{t('common.logOut')}</span>
          </button>
        </div>
      </header>
      <nav id="primary-nav" className="primary-nav" aria-label={t('common.navigation')}>
        <ul>
          {entries.map((entry) => (
            <li key={entry.path}>
              <Link to={entry.path} aria-current={isCurrent(entry.path) ? 'page' : undefined}>
                <Icon name={entry.icon ?? 'page'} />
                <span>{t(entry.labelKey)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
