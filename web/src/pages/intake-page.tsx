/** Manifest import: upload (CSV or JSON), a saved mapping, the preview with every row error, accept. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Paged, request, type Site } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useApi } from '../use-api';

interface Batch {
  id: string;
  manifestRef: string;
  siteId: string;
  status: string;
  counts: {
    rows: number;
    new: number;
    linked: number;
    review: number;
    invalid: number;
    alreadyApplied: number;
  };
  errors: { row: number; field: string; reason: string }[];
  ignoredColumns: string[];
  createdAt: string;
}

interface Mapping {
  id: string;
  name: string;
}

const COUNTS = ['rows', 'new', 'linked', 'review', 'invalid', 'alreadyApplied'] as const;

/** The file's bytes as base64, so that the server can refuse a file that is not UTF-8. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function IntakePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const errorMessage = useErrorMessage();
  const sites = useApi(() => request<Site[]>('GET', '/api/sites'), []);
  const mappings = useApi(() => request<Mapping[]>('GET', '/api/intake/mappings'), []);
  const imports = useApi(
    () => request<Paged<Batch>>('GET', '/api/intake/imports', { query: { pageSize: 20 } }),
    [],
  );
  const [file, setFile] = useState<File | null>(null);
  const [siteId, setSiteId] = useState('');
  const [mappingId, setMappingId] = useState('');
  const [manifestRef, setManifestRef] = useState('');
  const [batch, setBatch] = useState<Batch | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !siteId) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        contentBase64: await base64Of(file),
        fileName: file.name,
        format: file.name.toLowerCase().endsWith('.json') ? 'json' : undefined,
        siteId,
        mappingId: mappingId || undefined,
        manifestRef: manifestRef.trim() || undefined,
      };
      setBatch(await request<Batch>('POST', '/api/intake/imports', { body }));
      imports.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const accept = async () => {
    if (!batch) return;
    setBusy(true);
    setError(null);
    try {
      setBatch(await request<Batch>('POST', `/api/intake/imports/${batch.id}/accept`));
      imports.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('intake.title')}</h1>
        <p className="muted">{t('intake.subtitle')}</p>
      </header>
      <form className="panel form" onSubmit={submit}>
        <label>
          {t('intake.file')}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </label>
        <label>
          {t('intake.site')}
          <select value={siteId} onChange={(e) => setSiteId(e.target.value)} required>
            <option value="">{t('intake.choose')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('intake.mapping')}
          <select value={mappingId} onChange={(e) => setMappingId(e.target.value)}>
            <option value="">{t('intake.ownColumns')}</option>
            {(mappings.data ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('intake.manifestRef')}
          <input value={manifestRef} onChange={(e) => setManifestRef(e.target.value)} maxLength={120} />
        </label>
        <button className="button button-primary" type="submit" disabled={busy || !file || !siteId}>
          {t('intake.preview')}
        </button>
      </form>
      {busy && <Loading />}
      {error && (
        <p role="alert" className="error">
          {errorMessage(error)} {error.body.message}
        </p>
      )}
      {batch && (
        <div className="panel" aria-live="polite">
          <h2>
            {t('intake.manifest', { ref: batch.manifestRef })} · {t(`intake.status.${batch.status}`)}
          </h2>
          <dl className="stats">
            {COUNTS.map((k) => (
              <div key={k}>
                <dt>{t(`intake.counts.${k}`)}</dt>
                <dd>{f.number(batch.counts[k])}</dd>
              </div>
            ))}
          </dl>
          {batch.ignoredColumns.length > 0 && (
            <p className="muted">{t('intake.ignored', { columns: batch.ignoredColumns.join(', ') })}</p>
          )}
          {batch.errors.length > 0 ? (
            <div className="table-wrap">
              <table className="table table-compact">
                <caption>{t('intake.errorsTitle', { n: f.number(batch.errors.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('intake.row')}</th>
                    <th scope="col">{t('intake.field')}</th>
                    <th scope="col">{t('intake.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {batch.errors.map((e, i) => (
                    <tr key={i}>
                      <td className="num">{f.number(e.row)}</td>
                      <td>
                        <code>{e.field}</code>
                      </td>
                      <td dir="auto">{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            batch.status === 'preview' && (
              <button className="button button-primary" type="button" onClick={accept} disabled={busy}>
                {t('intake.accept', { n: f.number(batch.counts.rows - batch.counts.alreadyApplied) })}
              </button>
            )
          )}
          {batch.status === 'accepted' && (
            <Link to={`/intake/${batch.id}/arrivals`}>{t('intake.toArrivals')}</Link>
          )}
        </div>
      )}
      <div className="panel">
        <h2>{t('intake.recent')}</h2>
        {imports.loading && <Loading />}
        {imports.error && <ErrorState error={imports.error} onRetry={imports.reload} />}
        <ul>
          {(imports.data?.items ?? []).map((b) => (
            <li key={b.id}>
              {b.status === 'accepted' ? (
                <Link to={`/intake/${b.id}/arrivals`}>{b.manifestRef}</Link>
              ) : (
                b.manifestRef
              )}{' '}
              · {t(`intake.status.${b.status}`)} · {f.number(b.counts.rows)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
