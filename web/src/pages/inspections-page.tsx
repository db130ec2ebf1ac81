/** Inspections (Rules 83-85): visits, findings and recommendations, and the response to each. */
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { safeguardsApi } from '../safeguards-api';
import { useApi } from '../use-api';

export default function InspectionsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useApi(() => safeguardsApi.inspections(), []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('safeguards.inspections.title')}</h1>
      </header>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <Empty>{t('safeguards.inspections.none')}</Empty>}
      {list.data?.map((i) => (
        <article key={i.id} className="panel">
          <h2>
            <bdi data-value>{i.body}</bdi> — {f.date(i.visitFrom)}
          </h2>
          <p>{t('safeguards.inspections.unanswered', { count: i.unanswered })}</p>
          <ul>
            {i.items.map((it) => (
              <li key={it.id}>
                <strong>
                  {it.kind === 'finding'
                    ? t('safeguards.inspections.finding')
                    : t('safeguards.inspections.recommendation')}
                </strong>{' '}
                <span data-value>{it.text}</span>
                {it.responses.length > 0 && (
                  <div className="muted">
                    {t('safeguards.inspections.response')}:{' '}
                    <span data-value>{it.responses.at(-1)!.text}</span> ({it.responses.at(-1)!.respondedBy},{' '}
                    {f.date(it.responses.at(-1)!.respondedAt)})
                  </div>
                )}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
