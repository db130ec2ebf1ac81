/** The search log (cell, person, area) with what each seized, and the links seized devices and numbers reveal. */
import { useTranslation } from 'react-i18next';
import { Pager } from '../components/pager';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../i18n/format';
import { incidentsApi } from '../incidents-api';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { SearchForm } from './search-form';

export default function SearchesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const page = Math.max(1, Number(query.page) || 1);
  const list = useApi(() => incidentsApi.searches({ page }), [page]);
  const links = useApi(() => incidentsApi.seizureLinks({}), []);
  const { can } = useSession();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('incidents.searches.title')}</h1>
      </header>
      {can('contraband.write') && (
        <SearchForm
          onSaved={() => {
            list.reload();
            links.reload();
          }}
        />
      )}
      <div className="panel">
        <h2>{t('incidents.searches.links')}</h2>
        {links.loading && <Loading />}
        {links.error && <ErrorState error={links.error} onRetry={links.reload} />}
        {links.data && links.data.length === 0 && <Empty>{t('incidents.searches.noLinks')}</Empty>}
        <ul className="plain-list">
          {(links.data ?? []).map((l) => (
            <li key={`${l.detaineeA}-${l.detaineeB}`}>
              <Link to={`/detainees/${l.detaineeA}`}>{t('incidents.searches.detainee')} A</Link> ↔{' '}
              <Link to={`/detainees/${l.detaineeB}`}>{t('incidents.searches.detainee')} B</Link> —{' '}
              {t(`incidents.searches.linkKinds.${l.kind}`)}:{' '}
              {l.evidence
                .map((e) => `${t(`incidents.searches.identifiers.${e.identifier}`)} ${e.value}`)
                .join('; ')}
            </li>
          ))}
        </ul>
      </div>
      {list.loading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t('incidents.searches.none')}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <>
          <div className="table-wrap panel">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('incidents.searches.when')}</th>
                  <th>{t('incidents.searches.kind')}</th>
                  <th>{t('incidents.searches.where')}</th>
                  <th>{t('incidents.searches.by')}</th>
                  <th>{t('incidents.searches.seized')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{f.dateTime(s.searchedAt)}</td>
                    <td>{t(`incidents.searches.kinds.${s.kind}`)}</td>
                    <td>{s.cellCode ?? s.area ?? '—'}</td>
                    <td>{s.searchedBy}</td>
                    <td>
                      {s.items.length === 0
                        ? t('incidents.searches.nothing')
                        : s.items.map((i) => (
                            <div key={i.id}>
                              {t(`incidents.searches.itemTypes.${i.type}`)}: {i.description}
                              {i.imei && <span className="code"> IMEI {i.imei}</span>}
                              {i.phoneNumber && <span className="code"> {i.phoneNumber}</span>}
                            </div>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ page: p })}
          />
        </>
      )}
    </section>
  );
}
