/** Latent networks (communities in the active links), for analysts to review. */
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { housingApi } from '../housing-api';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useApi } from '../use-api';

export default function NetworksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const data = useApi(() => housingApi.networks({}), []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('housing.networks.title')}</h1>
        <p className="muted">{t('housing.networks.subtitle')}</p>
      </header>
      {data.loading && <Loading />}
      {data.error && <ErrorState error={data.error} onRetry={data.reload} />}
      {data.data && data.data.networks.length === 0 && <Empty>{t('housing.networks.none')}</Empty>}
      {data.data && data.data.networks.length > 0 && (
        <>
          <p className="muted">
            {t('housing.networks.modularity', { q: f.number(Math.round(data.data.modularity * 100) / 100) })}
          </p>
          {data.data.networks.map((n) => (
            <div className="panel" key={n.id}>
              <h2>
                #{f.number(n.id)} · {t('housing.networks.members', { n: f.number(n.size) })} ·{' '}
                {t('housing.networks.sharingWings', { n: f.number(n.sharingWings) })}
              </h2>
              <ul className="plain-list">
                {n.members.map((m) => (
                  <li key={m.id}>
                    <Link to={`/detainees/${encodeURIComponent(m.id)}`}>
                      <span className="code">{m.number}</span> <span data-value>{m.displayName}</span>
                    </Link>
                    {m.cellCode && (
                      <span className="muted">
                        {' '}
                        · <span className="code">{m.cellCode}</span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
