/** One incident report: what happened, who, damage, escapes and deaths; status steps; addenda; required notifications. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { CellChooser } from '../components/cell-chooser';
import { Empty, ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import { incidentsApi } from '../incidents-api';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const NEXT: Record<string, string | null> = {
  draft: 'submitted',
  submitted: 'under_review',
  under_review: 'closed',
  closed: null,
};

export default function IncidentPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { params } = useRoute();
  const { can } = useSession();
  const errorMessage = useErrorMessage();
  const incident = useApi(() => incidentsApi.get(params.id), [params.id]);
  const tasks = useApi(() => incidentsApi.tasks({ incidentId: params.id }), [params.id]);
  const [error, setError] = useState<string | null>(null);
  if (incident.loading) return <Loading />;
  if (incident.error) return <ErrorState error={incident.error} onRetry={incident.reload} />;
  const i = incident.data!;
  const next = NEXT[i.status];
  const mayNext = next && (next === 'submitted' ? can('incident.write') : can('incident.review'));
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await action();
      incident.reload();
      tasks.reload();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
      return false;
    }
  };
  const step = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '');
    void run(() => incidentsApi.status(i.id, next!, note || undefined));
  };
  const addendum = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const text = String(new FormData(form).get('text') ?? '');
    void run(async () => {
      await incidentsApi.addendum(i.id, text);
      form.reset();
    });
  };
  return (
    <section className="page" aria-labelledby="page-title">
      <nav className="breadcrumb">
        <Link to="/incidents">{t('incidents.title')}</Link>
      </nav>
      <header className="page-header">
        <h1 id="page-title">
          {i.number} · {t(`incidents.types.${i.type}`)}
        </h1>
        <span className="badge">{t(`incidents.statuses.${i.status}`)}</span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="panel">
        <h2>{i.title}</h2>
        <dl className="facts">
          <dt>{t('incidents.site')}</dt>
          <dd>{i.siteCode}</dd>
          <dt>{t('incidents.occurredAt')}</dt>
          <dd>{f.dateTime(i.occurredAt)}</dd>
          <dt>{t('incidents.location')}</dt>
          <dd>{i.location ?? '—'}</dd>
          <dt>{t('incidents.responseUnit')}</dt>
          <dd>{i.responseUnit ?? '—'}</dd>
          <dt>{t('incidents.casualties')}</dt>
          <dd>
            {t('incidents.casualtyLine', {
              killed: i.casualties.detaineesKilled + i.casualties.staffKilled + i.casualties.othersKilled,
              injured: i.casualties.detaineesInjured + i.casualties.staffInjured + i.casualties.othersInjured,
            })}
          </dd>
        </dl>
        <p>{i.narrative}</p>
      </div>
      {mayNext && (
        <form className="panel inline-form" onSubmit={step}>
          <div className="field field-grow">
            <label htmlFor="step-note">{t('incidents.note')}</label>
            <input id="step-note" name="note" required={next === 'closed'} />
          </div>
          <button type="submit" className="button button-primary">
            {t(`incidents.to.${next}`)}
          </button>
        </form>
      )}
      {i.involved.length > 0 && (
        <div className="panel">
          <h2>{t('incidents.people')}</h2>
          <ul className="plain-list">
            {i.involved.map((p) => (
              <li key={p.id}>
                {p.detaineeId ? <Link to={`/detainees/${p.detaineeId}`}>{p.detaineeNumber}</Link> : null}{' '}
                {p.name} — {t(`incidents.roles.${p.role}`)}
                {p.injury !== 'none' && ` (${t(`incidents.injuries.${p.injury}`)})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {i.damage.length > 0 && (
        <div className="panel">
          <h2>{t('incidents.damage')}</h2>
          <ul className="plain-list">
            {i.damage.map((d) => (
              <li key={d.id}>
                {d.cellCode} — {d.description}
                {d.cellOutOfService && <span className="badge"> {t('incidents.outOfService')}</span>}
                {d.occupants.length > 0 && (
                  <div className="muted small">
                    {t('incidents.toRehouse')}:{' '}
                    {d.occupants.map((o) => `${o.number} ${o.displayName}`).join(', ')}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {can('incident.write') && i.status !== 'closed' && (
        <DamageForm siteId={i.siteId} onSave={(body) => run(() => incidentsApi.damage(i.id, body))} />
      )}
      {i.escapes.length > 0 && (
        <div className="panel">
          <h2>{t('incidents.escapes')}</h2>
          <ul className="plain-list">
            {i.escapes.map((e) => (
              <li key={e.id}>
                <Link to={`/detainees/${e.detaineeId}`}>{e.detaineeNumber}</Link> {e.displayName} —{' '}
                {t('incidents.lastSeen', { place: e.lastSeenPlace, cell: e.lastCellCode ?? '—' })}{' '}
                {f.dateTime(e.lastSeenAt)}
                {e.recapturedAt && ` · ${t('incidents.recaptured')} ${f.dateTime(e.recapturedAt)}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {i.deaths.length > 0 && (
        <div className="panel">
          <h2>{t('incidents.deaths')}</h2>
          <ul className="plain-list">
            {i.deaths.map((d) => (
              <li key={d.id}>
                <Link to={`/detainees/${d.detaineeId}`}>{d.detaineeNumber}</Link> {d.displayName} —{' '}
                {f.dateTime(d.diedAt)} · {t('incidents.cause')}: {d.cause} · {t('incidents.remains')}:{' '}
                {d.remainsDisposition}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="panel">
        <h2>{t('incidents.notifications')}</h2>
        {tasks.data && tasks.data.items.length === 0 && <Empty>{t('incidents.noTasks')}</Empty>}
        <ul className="plain-list">
          {(tasks.data?.items ?? []).map((task) => (
            <li key={task.id}>
              {t('incidents.rule', { rule: task.rule })} · {task.recipient} · {t('incidents.due')}{' '}
              {f.dateTime(task.dueAt)}{' '}
              {task.completedAt ? (
                <span className="badge">{t('incidents.doneBy', { who: task.completedBy })}</span>
              ) : (
                <>
                  {task.overdue && (
                    <span className="badge badge-severity-critical">{t('incidents.overdue')}</span>
                  )}
                  {can('notification.write') && (
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        const note = window.prompt(t('incidents.howNotified'));
                        if (note) void run(() => incidentsApi.completeTask(task.id, note));
                      }}
                    >
                      {t('incidents.markDone')}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div className="panel">
        <h2>{t('incidents.addenda')}</h2>
        <ol className="timeline">
          {i.addenda.map((a) => (
            <li key={a.id}>
              <div className="muted small">
                {f.dateTime(a.addedAt)} · {a.addedBy}
              </div>
              <div>{a.text}</div>
            </li>
          ))}
        </ol>
        {can('incident.write') && (
          <form className="inline-form" onSubmit={addendum}>
            <div className="field field-grow">
              <label htmlFor="addendum">{t('incidents.addendum')}</label>
              <textarea id="addendum" name="text" rows={2} required />
            </div>
            <button type="submit" className="button">
              {t('incidents.addAddendum')}
            </button>
          </form>
        )}
      </div>
      <div className="panel">
        <h2>{t('incidents.history')}</h2>
        <ol className="timeline">
          {i.statusHistory.map((h, n) => (
            <li key={n}>
              {t(`incidents.statuses.${h.to}`)} · {h.by} · {f.dateTime(h.at)}
              {h.note && ` — ${h.note}`}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** Cells the incident put out of service; their occupants then show as needing re-housing. */
function DamageForm({
  siteId,
  onSave,
}: {
  siteId: string;
  onSave: (body: { cellIds: string[]; description: string }) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [cellIds, setCellIds] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (cellIds.length === 0) return setMissing(true);
    setMissing(false);
    if (!(await onSave({ cellIds, description }))) return;
    setCellIds([]);
    setDescription('');
  };
  return (
    <form
      className="panel form-grid"
      onSubmit={(e) => void submit(e)}
      aria-label={t('incidents.damageForm.title')}
    >
      <h2 className="field-wide">{t('incidents.damageForm.title')}</h2>
      <CellChooser
        siteId={siteId}
        idPrefix="damage"
        multiple
        selected={cellIds}
        onChange={setCellIds}
        invalid={missing}
      />
      {missing && (
        <p className="form-error field-wide" role="alert">
          {t('incidents.damageForm.chooseCells')}
        </p>
      )}
      <div className="field field-wide">
        <label htmlFor="damage-description">{t('incidents.damageForm.description')}</label>
        <textarea
          id="damage-description"
          rows={2}
          required
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="actions field-wide">
        <span className="muted">{t('incidents.damageForm.chosen', { count: cellIds.length })}</span>{' '}
        <button type="submit" className="button button-primary">
          {t('incidents.damageForm.save')}
        </button>
      </div>
    </form>
  );
}
