/** The app: session, router, the page registry's matching page inside the layout, or the log-in. */
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './components/error-boundary';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { LoginPage } from './pages/login-page';
import { navigationFor, PAGES } from './pages/registry';
import { matchPath, ParamsProvider, RouterProvider, useRouter } from './router';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Screen />
      </SessionProvider>
    </RouterProvider>
  );
}

function Screen() {
  const { me } = useSession();
  if (me === undefined)
    return (
      <div className="boot">
        <Loading />
      </div>
    );
  if (me === null) return <LoginPage />;
  return (
    <Layout>
      <CurrentPage />
    </Layout>
  );
}

function CurrentPage() {
  const { t } = useTranslation();
  const { location, navigate } = useRouter();
  const { can } = useSession();
  const first = useRef(true);

  const found = PAGES.map((page) => ({ page, params: matchPath(page.path, location.path) })).find(
    (m) => m.params,
  );
  const allowed = found && can(found.page.permission);
  const home = navigationFor(can)[0];

  useEffect(() => {
    // A role without the estate page starts on the first page it may use.
    if (location.path === '/' && found && !allowed && home) navigate(home.path, { replace: true });
  }, [location.path, found, allowed, home, navigate]);

  useEffect(() => {
    document.title = `${found && allowed ? `${t(found.page.labelKey)} — ` : ''}${t('common.appName')}`;
  }, [found, allowed, t]);

  useEffect(() => {
    // After navigating (not on first load), move focus to the new page for screen readers.
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [location.path]);

  if (!found)
    return (
      <section className="page">
        <h1>{t('common.notFound.title')}</h1>
        <p>{t('common.notFound.body')}</p>
      </section>
    );
  if (!allowed)
    return (
      <section className="page">
        <h1>{t('common.forbidden.title')}</h1>
        <p>{t('common.forbidden.body')}</p>
      </section>
    );
  const Page = found.page.component;
  return (
    <ErrorBoundary resetKey={location.path}>
      <Suspense fallback={<Loading />}>
        <ParamsProvider value={found.params!}>
          <Page />
        </ParamsProvider>
      </Suspense>
    </ErrorBoundary>
  );
}
