/**
 * The threat picture: the estate's sites on the shipped outline of the (fictional) region, drawn
 * as SVG with no tiles and no internet, coloured by posture, sized by recent incidents; the
 * recent incidents beside it; and, for commanders and directors, the posture control.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorState, Loading, useErrorMessage } from '../components/states';
import { useFormat } from '../i18n/format';
import {
  type GeoFeature,
  incidentsApi,
  POSTURE_LEVELS,
  type Region,
  type ThreatPicture,
} from '../incidents-api';
import { Link, useRoute } from '../router';
import { useSession } from '../session';
import { useApi } from '../use-api';

const WIDTH = 640;
const POSTURE_COLOUR: Record<string, string> = {
  normal: '#2e7d32',
  heightened: '#ef8f00',
  lockdown: '#c62828',
};

export default function ThreatMapPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { query, setQuery } = useRoute();
  const { can } = useSession();
  const days = Math.min(365, Math.max(1, Number(query.days) || 7));
  const picture = useApi(() => incidentsApi.threatPicture(days), [days]);
  const region = useApi(() => incidentsApi.region(), []);
  if (picture.error) return <ErrorState error={picture.error} onRetry={picture.reload} />;
  if (region.error) return <ErrorState error={region.error} onRetry={region.reload} />;
  // Keep the page (and the posture form's message) while a reload is under way.
  if (!picture.data || !region.data) return <Loading />;
  const p = picture.data!;
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('incidents.map.title')}</h1>
        <div className="field">
          <label htmlFor="map-days">{t('incidents.map.days')}</label>
          <select id="map-days" value={days} onChange={(e) => setQuery({ days: e.target.value })}>
            {[1, 7, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t('incidents.map.lastDays', { count: d })}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div className="panel">
        <MapSvg region={region.data!} picture={p} lang={i18n.language} label={t('incidents.map.title')} />
        <p className="legend">
          {POSTURE_LEVELS.map((l) => (
            <span key={l}>
              <svg width="12" height="12" aria-hidden="true">
                <circle cx="6" cy="6" r="5" fill={POSTURE_COLOUR[l]} />
              </svg>{' '}
              {t(`incidents.postures.${l}`)}{' '}
            </span>
          ))}
        </p>
      </div>
      <div className="table-wrap panel">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('incidents.site')}</th>
              <th>{t('incidents.map.posture')}</th>
              <th>{t('incidents.map.incidents')}</th>
              <th>{t('incidents.map.attacks')}</th>
              <th>{t('incidents.map.cellsOut')}</th>
            </tr>
          </thead>
          <tbody>
            {p.sites.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.code} — {i18n.language === 'ar' ? s.nameAr : s.name}
                </td>
                <td>
                  <span className="badge" style={{ borderColor: POSTURE_COLOUR[s.posture] }}>
                    {t(`incidents.postures.${s.posture}`)}
                  </span>
                  {s.postureSince && <span className="muted small"> {f.dateTime(s.postureSince)}</span>}
                </td>
                <td>{f.number(s.incidents)}</td>
                <td>{f.number(s.attacks)}</td>
                <td>{f.number(s.cellsOutOfService)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can('posture.write') && <PostureControl sites={p.sites} onDone={picture.reload} />}
      <div className="panel">
        <h2>{t('incidents.map.recent')}</h2>
        <ol className="timeline">
          {p.incidents.slice(0, 50).map((i) => (
            <li key={i.id}>
              <Link to={`/incidents/${i.id}`}>{i.number}</Link> · {t(`incidents.types.${i.type}`)} ·{' '}
              {f.dateTime(i.occurredAt)} — {i.title}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** Equirectangular projection of the region's bounding box (and every placed site) onto the SVG. */
function MapSvg({
  region,
  picture,
  lang,
  label,
}: {
  region: Region;
  picture: ThreatPicture;
  lang: string;
  label: string;
}) {
  const placed = picture.sites.filter((s) => s.lat !== null && s.lon !== null);
  let [minLon, minLat, maxLon, maxLat] = region.bbox;
  for (const s of placed) {
    minLon = Math.min(minLon, s.lon! - 0.1);
    maxLon = Math.max(maxLon, s.lon! + 0.1);
    minLat = Math.min(minLat, s.lat! - 0.1);
    maxLat = Math.max(maxLat, s.lat! + 0.1);
  }
  // Longitude degrees shrink with latitude: scale x by cos(mid-latitude) so shapes keep their form.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const height = Math.round((WIDTH * (maxLat - minLat)) / ((maxLon - minLon) * k));
  const x = (lon: number) => ((lon - minLon) / (maxLon - minLon)) * WIDTH;
  const y = (lat: number) => ((maxLat - lat) / (maxLat - minLat)) * height;
  const path = (ring: number[][]) =>
    ring.map(([lon, lat], n) => `${n ? 'L' : 'M'}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join(' ');
  const feature = (g: GeoFeature, n: number) => {
    const name = lang === 'ar' ? g.properties.nameAr : g.properties.name;
    if (g.geometry.type === 'Polygon')
      return (
        <path
          key={n}
          d={g.geometry.coordinates.map((r) => `${path(r)} Z`).join(' ')}
          fill="#eef1ea"
          stroke="#7a8a70"
          strokeWidth="1.5"
        />
      );
    if (g.geometry.type === 'LineString')
      return <path key={n} d={path(g.geometry.coordinates)} fill="none" stroke="#6fa8dc" strokeWidth="2" />;
    const [lon, lat] = g.geometry.coordinates;
    return (
      <g key={n}>
        <rect x={x(lon) - 2} y={y(lat) - 2} width="4" height="4" fill="#555" />
        <text x={x(lon) + 5} y={y(lat) + 4} fontSize="11" fill="#555">
          {name}
        </text>
      </g>
    );
  };
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={label}
      direction="ltr"
      style={{ maxWidth: WIDTH }}
    >
      {region.features.map(feature)}
      {placed.map((s) => (
        <g key={s.id} data-site={s.code}>
          <circle
            cx={x(s.lon!)}
            cy={y(s.lat!)}
            r={8 + Math.min(12, s.incidents * 2)}
            fill={POSTURE_COLOUR[s.posture]}
            fillOpacity="0.35"
            stroke={POSTURE_COLOUR[s.posture]}
            strokeWidth="2"
          />
          <circle cx={x(s.lon!)} cy={y(s.lat!)} r="4" fill={POSTURE_COLOUR[s.posture]} />
          <text x={x(s.lon!) + 10} y={y(s.lat!) - 10} fontSize="13" fontWeight="bold">
            {s.code} ({s.incidents})
          </text>
        </g>
      ))}
    </svg>
  );
}

function PostureControl({ sites, onDone }: { sites: ThreatPicture['sites']; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    setDone(null);
    try {
      const result = await incidentsApi.setPosture(
        String(data.get('siteId')),
        String(data.get('level')),
        String(data.get('reason') ?? ''),
      );
      setDone(
        result.current.headcountId ? t('incidents.map.headcountStarted') : t('incidents.map.postureSet'),
      );
      form.reset();
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err) : t('common.errors.server'));
    }
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-label={t('incidents.map.setPosture')}>
      <h2>{t('incidents.map.setPosture')}</h2>
      <div className="field">
        <label htmlFor="posture-site">{t('incidents.site')}</label>
        <select id="posture-site" name="siteId">
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.code}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="posture-level">{t('incidents.map.posture')}</label>
        <select id="posture-level" name="level">
          {POSTURE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`incidents.postures.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="posture-reason">{t('incidents.map.reason')}</label>
        <input id="posture-reason" name="reason" required />
      </div>
      <button type="submit" className="button button-primary">
        {t('incidents.map.apply')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </form>
  );
}
