/** Name search in either script, and duplicate review: candidate pairs with the evidence, merge and unmerge with a reason. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { type Candidate, recordApi, type SearchHit, type Side } from '../register-record-api';
import { Link } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

function SideCard({ side }: { side: Side }) {
  return (
    <div>
      <Link to={`/detainees/${side.id}`}>{side.number}</Link>
      <ul>
        {side.names.map((n) => (
          <li key={n} data-value dir="auto">
            {n}
          </li>
        ))}
      </ul>
      <span data-value>
        {side.sex} · {side.dob ?? '—'} · {side.nationalities.join(', ')}
      </span>
    </div>
  );
}

export default function IdentityReviewPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [status, setStatus] = useState('open');
  const [reason, setReason] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const candidates = useApi(
    () =>
      can('identity.read') ? recordApi.candidates(status) : Promise.resolve({ items: [] as Candidate[] }),
    [status],
  );
  const merges = useApi(
    () => (can('identity.read') ? recordApi.merges() : Promise.resolve({ items: [] })),
    [],
  );
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      candidates.reload();
      merges.reload();
    } catch (err) {
      setError(err instanceof ApiError ? mergeRefusal(err) : t('common.errors.server'));
    }
  };
  // A merge the register refuses for a reason the reviewer must act on says which.
  const mergeRefusal = (err: ApiError) =>
    err.body.error === 'kept_apart'
      ? t('register-record.review.keptApart')
      : err.body.error === 'survivor_not_held'
        ? t('register-record.review.survivorNotHeld')
        : errorMessage(err);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) await act(async () => setHits((await recordApi.search(q.trim())).items));
  };
  const why = (id: string) => (reason[id] ?? '').trim();
  return (
    <div className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('register-record.nav')}</h1>
      </header>
      <section>
        <h2>{t('register-record.search.title')}</h2>
        <form className="form-grid" onSubmit={search} role="search">
          <div className="field">
            <label htmlFor="name-q">{t('register-record.search.label')}</label>
            <input
              id="name-q"
              dir="auto"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder="حسين الجبوري / Husayn al-Jubouri"
            />
          </div>
          <button type="submit">{t('register-record.search.go')}</button>
        </form>
        {hits &&
          (hits.length === 0 ? (
            <Empty>{t('register-record.search.none')}</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('register-record.search.number')}</th>
                  <th>{t('register-record.name')}</th>
                  <th>{t('register-record.search.matched')}</th>
                  <th>{t('register-record.search.score')}</th>
                </tr>
              </thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={h.id}>
                    <td>
                      <Link to={`/detainees/${h.id}`}>{h.number}</Link>
                    </td>
                    <td data-value>{h.displayName}</td>
                    <td data-value dir="auto">
                      {h.matchedName}
                    </td>
                    <td>{f.number(h.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can('identity.read') && (
        <section>
          <h2>{t('register-record.review.title')}</h2>
          <div className="toolbar">
            <select
              aria-label={t('register-record.review.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value)}
            >
              {['open', 'merged', 'not_same'].map((s) => (
                <option key={s} value={s}>
                  {t(`register-record.review.statuses.${s}`)}
                </option>
              ))}
            </select>
            {can('identity.merge') && (
              <button type="button" onClick={() => act(() => recordApi.scan())}>
                {t('register-record.review.scan')}
              </button>
            )}
          </div>
          {candidates.loading ? (
            <Loading />
          ) : candidates.error ? (
            <ErrorState error={candidates.error} onRetry={candidates.reload} />
          ) : candidates.data!.items.length === 0 ? (
            <Empty>{t('register-record.review.none')}</Empty>
          ) : (
            candidates.data!.items.map((c) => (
              <article key={c.id} className="card">
                <div className="pair">
                  <SideCard side={c.a} />
                  <SideCard side={c.b} />
                </div>
                <p>
                  {t('register-record.review.score')}: {f.number(c.score)} ·{' '}
                  {t(`register-record.review.decisions.${c.decision}`)} ·{' '}
                  {t(`register-record.review.sources.${c.source}`)}
                </p>
                <ul>
                  {c.evidence.map((e, i) => (
                    <li key={i} className={e.direction === 'for' ? 'ok' : 'warn'}>
                      {e.direction === 'for' ? '+' : '−'} <span data-value>{e.message}</span>
                    </li>
                  ))}
                </ul>
                {c.status === 'open' && can('identity.merge') && (
                  <div className="form-grid">
                    <div className="field">
                      <label htmlFor={`why-${c.id}`}>{t('register-record.review.reason')}</label>
                      <input
                        id={`why-${c.id}`}
                        value={reason[c.id] ?? ''}
                        onChange={(e) => setReason({ ...reason, [c.id]: e.target.value })}
                      />
                    </div>
                    <button
                      type="button"
                      disabled={why(c.id).length < 3}
                      onClick={() =>
                        act(() =>
                          recordApi.merge({
                            survivorId: c.a.id,
                            absorbedId: c.b.id,
                            reason: why(c.id),
                            candidateId: c.id,
                          }),
                        )
                      }
                    >
                      {t('register-record.review.mergeInto', { number: c.a.number })}
                    </button>
                    <button
                      type="button"
                      disabled={why(c.id).length < 3}
                      onClick={() =>
                        act(() =>
                          recordApi.merge({
                            survivorId: c.b.id,
                            absorbedId: c.a.id,
                            reason: why(c.id),
                            candidateId: c.id,
                          }),
                        )
                      }
                    >
                      {t('register-record.review.mergeInto', { number: c.b.number })}
                    </button>
                    <button
                      type="button"
                      disabled={why(c.id).length < 3}
                      onClick={() => act(() => recordApi.notSame(c.id, why(c.id)))}
                    >
                      {t('register-record.review.notSame')}
                    </button>
                  </div>
                )}
                {c.decidedBy && (
                  <p className="muted">
                    {c.decidedBy} · {c.decidedAt && f.dateTime(c.decidedAt)} ·{' '}
                    <span data-value>{c.decisionNote}</span>
                  </p>
                )}
              </article>
            ))
          )}
          <h3>{t('register-record.review.merges')}</h3>
          {merges.data && merges.data.items.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>{t('register-record.review.when')}</th>
                  <th>{t('register-record.review.who')}</th>
                  <th>{t('register-record.review.reason')}</th>
                  <th>{t('register-record.review.moved')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {merges.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>{f.dateTime(m.mergedAt)}</td>
                    <td data-value>{m.mergedBy}</td>
                    <td data-value>{m.reason}</td>
                    <td>{f.number(m.moves.filter((x) => x.outcome === 'moved').length)}</td>
                    <td>
                      {m.unmergedAt ? (
                        <span className="muted">
                          {t('register-record.review.undone', { who: m.unmergedBy })}
                        </span>
                      ) : (
                        can('identity.merge') && (
                          <>
                            <input
                              aria-label={t('register-record.review.reason')}
                              value={reason[m.id] ?? ''}
                              onChange={(e) => setReason({ ...reason, [m.id]: e.target.value })}
                            />
                            <button
                              type="button"
                              disabled={why(m.id).length < 3}
                              onClick={() => act(() => recordApi.unmerge(m.id, why(m.id)))}
                            >
                              {t('register-record.review.unmerge')}
                            </button>
                          </>
                        )
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('register-record.review.noMerges')}</Empty>
          )}
        </section>
      )}
    </div>
  );
}
