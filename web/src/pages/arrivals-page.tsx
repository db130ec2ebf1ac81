/** The arrival day: confirm each arrival with the handover, live counts (expected, arrived, outstanding, missing, unexpected). */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Paged, request } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { useRoute } from '../router';
import { useApi } from '../use-api';

interface Reconciliation {
  expected: number;
  arrived: number;
  outstanding: number;
  missing: number;
  unexpected: number;
  closedAt: string | null;
}

interface Arrival {
  id: string;
  manifestNo: string | null;
  manifestRow: number | null;
  number: string;
  displayName: string;
  nameAr: string | null;
  match: string;
  status: string;
}

const COUNTS = ['expected', 'arrived', 'outstanding', 'missing', 'unexpected'] as const;

export default function ArrivalsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const errorMessage = useErrorMessage();
  const { params } = useRoute();
  const id = params.id;
  const rec = useApi(() => request<Reconciliation>('GET', `/api/intake/imports/${id}/reconciliation`), [id]);
  const [q, setQ] = useState('');
  const list = useApi(
    () =>
      request<Paged<Arrival>>('GET', `/api/intake/imports/${id}/arrivals`, {
        query: { q: q || undefined, pageSize: 50 },
      }),
    [id, q],
  );
  const [handover, setHandover] = useState({ handedOverBy: '', receivedBy: '', escort: '', place: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Live: other officers confirm at other gates; the counts are re-read every few seconds.
  useEffect(() => {
    const timer = setInterval(() => rec.reload(), 5000);
    return () => clearInterval(timer);
  }, [id]);

  const confirm = async (arrival: Arrival) => {
    setError(null);
    try {
      await request('POST', `/api/intake/imports/${id}/arrivals/confirm`, {
        body: { arrivalId: arrival.id, handover: { ...handover, escort: handover.escort || null } },
      });
      setDone(arrival.displayName);
      rec.reload();
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    }
  };

  // Someone handed over who is not on the manifest: recorded with the same handover, counted as unexpected.
  const recordUnexpected = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const nationality = String(data.get('nationality') ?? '')
      .trim()
      .toUpperCase();
    try {
      await request('POST', `/api/intake/imports/${id}/arrivals/unexpected`, {
        body: {
          names: [{ name, script: /[\u0600-\u06FF]/.test(name) ? 'arabic' : 'latin', kind: 'legal' }],
          sex: data.get('sex'),
          nationalities: nationality ? [nationality] : [],
          legalStatus: data.get('legalStatus'),
          ageCategory: data.get('ageCategory'),
          handover: { ...handover, escort: handover.escort || null },
        },
      });
      setDone(name);
      form.reset();
      rec.reload();
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    }
  };

  const close = async () => {
    setError(null);
    try {
      await request('POST', `/api/intake/imports/${id}/close`);
      rec.reload();
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    }
  };

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setQ(String(new FormData(e.currentTarget).get('q') ?? '').trim());
  };

  const ready = handover.handedOverBy.trim() && handover.receivedBy.trim() && handover.place.trim();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('intake.arrivals.title')}</h1>
      </header>
      {rec.error && <ErrorState error={rec.error} onRetry={rec.reload} />}
      {rec.data && (
        <dl className="stats panel" aria-live="polite" data-testid="reconciliation">
          {COUNTS.map((k) => (
            <div key={k}>
              <dt>{t(`intake.arrivals.counts.${k}`)}</dt>
              <dd>{f.number(rec.data![k])}</dd>
            </div>
          ))}
        </dl>
      )}
      {rec.data && !rec.data.closedAt && (
        <p>
          <button className="button" type="button" onClick={close}>
            {t('intake.arrivals.close')}
          </button>
        </p>
      )}
      <fieldset className="panel form">
        <legend>{t('intake.arrivals.handover')}</legend>
        {(['handedOverBy', 'receivedBy', 'escort', 'place'] as const).map((k) => (
          <label key={k}>
            {t(`intake.arrivals.${k}`)}
            <input
              value={handover[k]}
              onChange={(e) => setHandover({ ...handover, [k]: e.target.value })}
              required={k !== 'escort'}
            />
          </label>
        ))}
      </fieldset>
      <form className="panel form" onSubmit={recordUnexpected} aria-labelledby="unexpected-title">
        <h2 id="unexpected-title">{t('intake.arrivals.unexpected.title')}</h2>
        <label>
          {t('intake.arrivals.unexpected.name')}
          <input name="name" required maxLength={200} />
        </label>
        <label>
          {t('intake.arrivals.unexpected.sex')}
          <select name="sex" required>
            <option value="M">{t('intake.arrivals.unexpected.sexes.M')}</option>
            <option value="F">{t('intake.arrivals.unexpected.sexes.F')}</option>
          </select>
        </label>
        <label>
          {t('intake.arrivals.unexpected.nationality')}
          <input name="nationality" pattern="[A-Za-z]{2}" maxLength={2} />
        </label>
        <label>
          {t('intake.arrivals.unexpected.legalStatus')}
          <select name="legalStatus" required>
            <option value="untried">{t('intake.arrivals.unexpected.legalStatuses.untried')}</option>
            <option value="convicted">{t('intake.arrivals.unexpected.legalStatuses.convicted')}</option>
          </select>
        </label>
        <label>
          {t('intake.arrivals.unexpected.ageCategory')}
          <select name="ageCategory" required>
            <option value="adult">{t('intake.arrivals.unexpected.ageCategories.adult')}</option>
            <option value="juvenile">{t('intake.arrivals.unexpected.ageCategories.juvenile')}</option>
          </select>
        </label>
        <button className="button" type="submit" disabled={!ready}>
          {t('intake.arrivals.unexpected.record')}
        </button>
      </form>
      <form className="panel form" onSubmit={search} role="search">
        <label>
          {t('intake.arrivals.search')}
          <input name="q" defaultValue={q} />
        </label>
        <button className="button" type="submit">
          {t('intake.arrivals.find')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)} {error.body.message}
        </p>
      )}
      {done && <p role="status">{t('intake.arrivals.confirmed', { name: done })}</p>}
      {list.loading && <Loading />}
      {list.data && (
        <div className="table-wrap panel">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('intake.arrivals.manifestNo')}</th>
                <th scope="col">{t('intake.arrivals.name')}</th>
                <th scope="col">{t('intake.arrivals.match')}</th>
                <th scope="col">{t('intake.arrivals.status')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.manifestNo ?? '—'}</td>
                  <td>
                    {a.displayName}
                    {a.nameAr && (
                      <>
                        {' · '}
                        <span dir="rtl" lang="ar">
                          {a.nameAr}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{t(`intake.arrivals.matches.${a.match}`)}</td>
                  <td>{t(`intake.arrivals.statuses.${a.status}`)}</td>
                  <td>
                    {a.status === 'expected' && (
                      <button className="button" type="button" disabled={!ready} onClick={() => confirm(a)}>
                        {t('intake.arrivals.confirm')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
