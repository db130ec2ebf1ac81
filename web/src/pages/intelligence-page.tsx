/** Association links and non-association directives: list (with closed ones on demand), add, close with a reason. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { housingApi } from '../housing-api';
import { kindLabel, LINK_KINDS, scopeLabel, SCOPES } from '../housing-labels';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

export default function IntelligencePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const [showClosed, setShowClosed] = useState(false);
  const links = useApi(() => housingApi.links({ includeClosed: showClosed }), [showClosed]);
  const directives = useApi(() => housingApi.directives({ includeClosed: showClosed }), [showClosed]);
  const writable = can('intelligence.write');
  const person = (p: { id: string; number: string; displayName: string }) => (
    <Link to={`/detainees/${encodeURIComponent(p.id)}`}>
      <span className="code">{p.number}</span> <span data-value>{p.displayName}</span>
    </Link>
  );
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('housing.intelligence.nav')}</h1>
        <p className="muted">{t('housing.intelligence.subtitle')}</p>
        <label>
          <input type="checkbox" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />{' '}
          {t('housing.intelligence.showClosed')}
        </label>
      </header>
      <div className="panel">
        <h2>{t('housing.intelligence.links')}</h2>
        {writable && <NewLink onDone={links.reload} />}
        {links.loading && <Loading />}
        {links.error && <ErrorState error={links.error} onRetry={links.reload} />}
        {links.data && links.data.length === 0 && <Empty>{t('housing.intelligence.none')}</Empty>}
        {links.data && links.data.length > 0 && (
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>A</th>
                  <th>B</th>
                  <th>{t('housing.intelligence.kind')}</th>
                  <th>{t('housing.intelligence.weight')}</th>
                  <th>{t('housing.intelligence.source')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {links.data.map((l) => (
                  <tr key={l.id}>
                    <td>{person(l.a)}</td>
                    <td>{person(l.b)}</td>
                    <td>{kindLabel(t, l.kind)}</td>
                    <td>{f.number(l.weight)}</td>
                    <td>
                      <span data-value>{l.source}</span>
                      <div className="muted small">
                        {t('housing.intelligence.recorded', {
                          who: l.recordedBy,
                          at: f.dateTime(l.recordedAt),
                        })}
                      </div>
                    </td>
                    <td>
                      {l.active ? (
                        writable && (
                          <CloseButton onClose={(r) => housingApi.closeLink(l.id, r)} onDone={links.reload} />
                        )
                      ) : (
                        <span className="badge">{t('housing.intelligence.closed')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="panel">
        <h2>{t('housing.intelligence.directives')}</h2>
        {writable && <NewDirective onDone={directives.reload} />}
        {directives.loading && <Loading />}
        {directives.error && <ErrorState error={directives.error} onRetry={directives.reload} />}
        {directives.data && directives.data.length === 0 && <Empty>{t('housing.intelligence.none')}</Empty>}
        {directives.data && directives.data.length > 0 && (
          <div className="table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>A</th>
                  <th>B</th>
                  <th>{t('housing.intelligence.scope')}</th>
                  <th>{t('housing.intelligence.reason')}</th>
                  <th>{t('housing.intelligence.authorisedBy')}</th>
                  <th>{t('housing.intelligence.reviewDate')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {directives.data.map((d) => (
                  <tr key={d.id}>
                    <td>{person(d.a)}</td>
                    <td>{person(d.b)}</td>
                    <td>{scopeLabel(t, d.scope)}</td>
                    <td data-value>{d.reason}</td>
                    <td data-value>{d.authorisedBy}</td>
                    <td>{d.reviewDate ? f.date(d.reviewDate) : ''}</td>
                    <td>
                      {d.active ? (
                        writable && (
                          <CloseButton
                            onClose={(r) => housingApi.closeDirective(d.id, r)}
                            onDone={directives.reload}
                          />
                        )
                      ) : (
                        <span className="badge">{t('housing.intelligence.closed')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

function useSubmit(onDone: () => void) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
      return true;
    } catch (err) {
      setError(
        err instanceof ApiError ? `${errorMessage(err)} ${err.body.message}` : t('common.errors.server'),
      );
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function CloseButton({ onClose, onDone }: { onClose(reason: string): Promise<unknown>; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { error, busy, run } = useSubmit(onDone);
  if (!open)
    return (
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('housing.intelligence.close')}
      </button>
    );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => onClose(reason.trim()));
      }}
    >
      <label className="visually-hidden" htmlFor="close-reason">
        {t('housing.intelligence.closeReason')}
      </label>
      <input
        id="close-reason"
        required
        value={reason}
        placeholder={t('housing.intelligence.closeReason')}
        onChange={(e) => setReason(e.target.value)}
      />
      <button className="button" disabled={busy || !reason.trim()}>
        {t('housing.intelligence.close')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function NewLink({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ a: '', b: '', kind: 'co-accused', weight: '0.8', source: '' });
  const { error, busy, run } = useSubmit(onDone);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (
      await run(() =>
        housingApi.createLink({
          a: form.a.trim(),
          b: form.b.trim(),
          kind: form.kind,
          weight: Number(form.weight),
          source: form.source.trim(),
        }),
      )
    )
      setForm({ ...form, a: '', b: '', source: '' });
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <form className="form-grid" onSubmit={submit}>
      <div className="field">
        <label htmlFor="link-a">{t('housing.intelligence.a')}</label>
        <input id="link-a" required value={form.a} onChange={set('a')} />
      </div>
      <div className="field">
        <label htmlFor="link-b">{t('housing.intelligence.b')}</label>
        <input id="link-b" required value={form.b} onChange={set('b')} />
      </div>
      <div className="field">
        <label htmlFor="link-kind">{t('housing.intelligence.kind')}</label>
        <select id="link-kind" value={form.kind} onChange={set('kind')}>
          {LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(t, k)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="link-weight">{t('housing.intelligence.weight')}</label>
        <input
          id="link-weight"
          className="input-short"
          type="number"
          min="0.05"
          max="1"
          step="0.05"
          value={form.weight}
          onChange={set('weight')}
        />
      </div>
      <div className="field field-grow">
        <label htmlFor="link-source">{t('housing.intelligence.source')}</label>
        <input id="link-source" required value={form.source} onChange={set('source')} />
      </div>
      <div className="field-actions">
        <button className="button button-primary" disabled={busy}>
          {t('housing.intelligence.add')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function NewDirective({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    a: '',
    b: '',
    scope: 'wing',
    reason: '',
    authorisedBy: '',
    reviewDate: '',
  });
  const { error, busy, run } = useSubmit(onDone);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() =>
      housingApi.createDirective({
        a: form.a.trim(),
        b: form.b.trim(),
        scope: form.scope,
        reason: form.reason.trim(),
        authorisedBy: form.authorisedBy.trim(),
        reviewDate: form.reviewDate || null,
      }),
    );
    if (ok) setForm({ ...form, a: '', b: '', reason: '' });
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <form className="form-grid" onSubmit={submit}>
      <div className="field">
        <label htmlFor="dir-a">{t('housing.intelligence.a')}</label>
        <input id="dir-a" required value={form.a} onChange={set('a')} />
      </div>
      <div className="field">
        <label htmlFor="dir-b">{t('housing.intelligence.b')}</label>
        <input id="dir-b" required value={form.b} onChange={set('b')} />
      </div>
      <div className="field">
        <label htmlFor="dir-scope">{t('housing.intelligence.scope')}</label>
        <select id="dir-scope" value={form.scope} onChange={set('scope')}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {scopeLabel(t, s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="dir-reason">{t('housing.intelligence.reason')}</label>
        <input id="dir-reason" required value={form.reason} onChange={set('reason')} />
      </div>
      <div className="field">
        <label htmlFor="dir-auth">{t('housing.intelligence.authorisedBy')}</label>
        <input id="dir-auth" required value={form.authorisedBy} onChange={set('authorisedBy')} />
      </div>
      <div className="field">
        <label htmlFor="dir-review">{t('housing.intelligence.reviewDate')}</label>
        <input id="dir-review" type="date" value={form.reviewDate} onChange={set('reviewDate')} />
      </div>
      <div className="field-actions">
        <button className="button button-primary" disabled={busy}>
          {t('housing.intelligence.add')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
