import type { ComplianceReport } from './compliance-service';
import type { MonthRow } from './statistics-service';

export type ReportLang = 'en' | 'ar';

const T = {
  en: {
    title: 'Safeguards and statistics',
    asOf: 'As of',
    compliance: 'Compliance',
    rule: 'Rule',
    open: 'Open',
    resolved: 'Resolved',
    notEvaluated: 'not evaluated',
    findings: 'Open findings',
    detainee: 'Detainee',
    site: 'Site',
    since: 'Since',
    mustAct: 'To act',
    detail: 'Detail',
    occupancy: 'Occupancy',
    beds: 'Beds',
    occupied: 'Occupied',
    rate: 'Rate',
    monthly: 'Flows per month',
    month: 'Month',
    cols: ['Admissions', 'Releases', 'Transfers', 'Repatriations', 'Deaths', 'Escapes'],
    none: 'None',
    roles: {
      commander: 'commander',
      director: 'director',
      legal: 'legal officer',
      liaison: 'consular liaison',
    } as Record<string, string>,
  },
  ar: {
    title: 'الضمانات والإحصاءات',
    asOf: 'بتاريخ',
    compliance: 'الامتثال',
    rule: 'القاعدة',
    open: 'مفتوحة',
    resolved: 'محلولة',
    notEvaluated: 'لم تُقيَّم',
    findings: 'المخالفات المفتوحة',
    detainee: 'المحتجز',
    site: 'الموقع',
    since: 'منذ',
    mustAct: 'المسؤول عن الإجراء',
    detail: 'التفاصيل',
    occupancy: 'الإشغال',
    beds: 'الأسرّة',
    occupied: 'المشغولة',
    rate: 'النسبة',
    monthly: 'الحركة الشهرية',
    month: 'الشهر',
    cols: ['الإدخالات', 'الإفراجات', 'النقل', 'الإعادة إلى الوطن', 'الوفيات', 'حالات الفرار'],
    none: 'لا شيء',
    roles: {
      commander: 'قائد المنشأة',
      director: 'المدير',
      legal: 'الموظف القانوني',
      liaison: 'ضابط الاتصال القنصلي',
    } as Record<string, string>,
  },
} as const;

const RULE_AR: Record<string, string> = {
  'rule44-segregation': 'العزل أكثر من 15 يوماً متتالية (القاعدة 44)',
  'rule11-separation': 'عدم الفصل بين الفئات (القاعدة 11)',
  'vccr36-consular': 'أجنبي دون قرار بشأن الإخطار القنصلي (المادة 36)',
  'rule68-69-family': 'الأسرة لم تُبلَّغ (القاعدتان 68-69)',
  'rule68-transfer': 'نقل دون إبلاغ الأسرة (القاعدة 68)',
  'rule71-authority': 'لم يُبلَّغ المرجع المستقل (القاعدة 71)',
  'rule61-lawyer': 'لا زيارة من محامٍ (القاعدة 61)',
  'legal-limit': 'احتجاز تجاوز الحد القانوني أو دون سند',
};

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * The printable safeguards report: compliance, occupancy and monthly flows, in English or in
 * Arabic (right to left), with print styles. Every value is escaped.
 *
 * @example renderSafeguardsReport({ lang: 'ar', compliance, occupancy, monthly, siteCodes })
 */
export function renderSafeguardsReport(input: {
  lang: ReportLang;
  compliance: ComplianceReport;
  occupancy: {
    sites: {
      code: string;
      name: string;
      nameAr: string;
      beds: number;
      occupied: number;
      rate: number | null;
    }[];
    total: { beds: number; occupied: number; rate: number | null };
  };
  monthly: MonthRow[];
  siteCodes: Map<string, string>;
}): string {
  const t = T[input.lang];
  const ar = input.lang === 'ar';
  const c = input.compliance;
  const ruleTitle = (r: { rule: string; title: string; article: string }) =>
    ar ? (RULE_AR[r.rule] ?? r.title) : `${r.title} (${r.article})`;
  const rules = c.rules
    .map(
      (r) =>
        `<tr><td>${esc(ruleTitle(r))}</td><td class="n">${r.evaluated ? r.open : '—'}</td><td class="n">${r.evaluated ? r.resolved : '—'}</td><td>${r.evaluated ? '' : `${esc(t.notEvaluated)} (${esc(r.note)})`}</td></tr>`,
    )
    .join('');
  const open = c.findings.filter((f) => !f.resolution);
  const findings = open.length
    ? open
        .map(
          (f) =>
            `<tr><td dir="ltr">${esc(f.detaineeNumber)}</td><td>${esc(f.siteCode)}</td><td>${esc(ruleTitle(f))}</td><td dir="ltr">${esc(f.since.slice(0, 10))}</td><td>${esc(t.roles[f.mustAct] ?? f.mustAct)}</td><td>${esc(f.detail)}</td></tr>`,
        )
        .join('')
    : `<tr><td colspan="6">${esc(t.none)}</td></tr>`;
  const occ = input.occupancy.sites
    .map(
      (s) =>
        `<tr><td>${esc(ar ? s.nameAr : s.name)} (${esc(s.code)})</td><td class="n">${s.beds}</td><td class="n">${s.occupied}</td><td class="n">${s.rate ?? '—'}%</td></tr>`,
    )
    .join('');
  const monthly = input.monthly.length
    ? input.monthly
        .map(
          (m) =>
            `<tr><td dir="ltr">${esc(m.month)}</td><td>${esc(input.siteCodes.get(m.siteId) ?? m.siteId)}</td>${[m.admissions, m.releases, m.transfers, m.repatriations, m.deaths, m.escapes].map((n) => `<td class="n">${n}</td>`).join('')}</tr>`,
        )
        .join('')
    : `<tr><td colspan="8">${esc(t.none)}</td></tr>`;
  return `<!doctype html>
<html lang="${input.lang}" dir="${ar ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<title>${esc(t.title)}</title>
<style>
  body { font-family: ${ar ? '"Noto Naskh Arabic", "Noto Sans Arabic", Tahoma,' : ''} "Noto Sans", Arial, sans-serif; margin: 2rem; color: #111; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-size: .9rem; }
  th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: start; vertical-align: top; }
  th { background: #eee; } td.n { text-align: end; font-variant-numeric: tabular-nums; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } @page { size: A4; margin: 15mm; } }
</style>
</head>
<body>
<h1>${esc(t.title)}</h1>
<p>${esc(t.asOf)}: <span dir="ltr">${esc(c.asOf.slice(0, 16).replace('T', ' '))} UTC</span></p>
<h2>${esc(t.compliance)}</h2>
<table><thead><tr><th>${esc(t.rule)}</th><th>${esc(t.open)}</th><th>${esc(t.resolved)}</th><th></th></tr></thead><tbody>${rules}</tbody></table>
<h2>${esc(t.findings)}</h2>
<table><thead><tr><th>${esc(t.detainee)}</th><th>${esc(t.site)}</th><th>${esc(t.rule)}</th><th>${esc(t.since)}</th><th>${esc(t.mustAct)}</th><th>${esc(t.detail)}</th></tr></thead><tbody>${findings}</tbody></table>
<h2>${esc(t.occupancy)}</h2>
<table><thead><tr><th>${esc(t.site)}</th><th>${esc(t.beds)}</th><th>${esc(t.occupied)}</th><th>${esc(t.rate)}</th></tr></thead><tbody>${occ}<tr><th>Σ</th><td class="n">${input.occupancy.total.beds}</td><td class="n">${input.occupancy.total.occupied}</td><td class="n">${input.occupancy.total.rate ?? '—'}%</td></tr></tbody></table>
<h2>${esc(t.monthly)}</h2>
<table><thead><tr><th>${esc(t.month)}</th><th>${esc(t.site)}</th>${t.cols.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${monthly}</tbody></table>
</body>
</html>
`;
}
