import { ORDER_VIEWS, PRIORITIES } from '@telerad/contracts';
import type { LocalOrder } from '../worklist/outbox';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const orderRow = (o: LocalOrder) =>
  `<tr><td>${esc(o.order.accessionNumber)}</td><td>${esc(o.order.patientId)}</td><td>${esc(
    `${o.order.familyName}${o.order.givenName ? `, ${o.order.givenName}` : ''}`,
  )}</td><td>${esc(o.order.scheduledDate ?? '')}</td><td>${o.refusal ? `${esc(o.refusal.code)}: ${esc(o.refusal.message)}` : 'waiting for the centre'}</td></tr>`;

const table = (orders: LocalOrder[]) =>
  orders.length
    ? `<table><tr><th>Accession</th><th>Applicant ID</th><th>Name</th><th>Date</th><th>State</th></tr>${orders.map(orderRow).join('')}</table>`
    : '<p>None.</p>';

/**
 * The front desk's page while the centre is out of reach: a form that registers an applicant at
 * the gateway (the X-ray unit's worklist shows it at once; the centre gets it when the link is
 * back), and the orders still waiting or refused. The form posts JSON to `/orders`, validated
 * there with the portal's own schema.
 */
export function renderOrdersPage(waiting: LocalOrder[], refused: LocalOrder[]): string {
  const options = (values: readonly string[], selected: string) =>
    values
      .map((v) => `<option value="${v}"${v === selected ? ' selected' : ''}>${v}</option>`)
      .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telerad gateway — register an applicant</title>
<style>
body{font:16px/1.45 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:52rem;color:#1b1f24;background:#f6f7f9}
h1{font-size:1.35rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}p.sub{margin:0 0 1.25rem;color:#4b5563}
form{background:#fff;border:1px solid #d6dae0;border-radius:6px;padding:1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem 1rem}
label{display:flex;flex-direction:column;font-weight:600;color:#374151;gap:.25rem}
input,select,textarea{font:inherit;padding:.45rem .55rem;border:1px solid #b8bec7;border-radius:4px;font-weight:400}
fieldset{border:0;padding:0;margin:0}fieldset label{flex-direction:row;font-weight:400;display:inline-flex;margin-right:1rem}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer;justify-self:start}
.wide{grid-column:1/-1}#result{min-height:1.5rem}.ok{color:#14632b}.bad{color:#a61b1b}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d6dae0}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #eceef1}
</style></head><body>
<h1>Register an applicant</h1>
<p class="sub">Kept on this gateway: the X-ray unit's worklist shows the applicant at once, and the centre receives the order when the link is back. <a href="/">Gateway status</a></p>
<form id="order">
<label>Applicant ID<input name="patientId" required maxlength="64"></label>
<label>ID issuer<input name="issuer" maxlength="64"></label>
<label>Family name<input name="familyName" required maxlength="64"></label>
<label>Given name<input name="givenName" maxlength="64"></label>
<label>Birth date<input name="birthDate" type="date" required></label>
<label>Sex<select name="sex"><option value="F">F</option><option value="M">M</option><option value="O">O</option></select></label>
<fieldset class="wide"><legend>Views</legend>${ORDER_VIEWS.map((v) => `<label><input type="checkbox" name="views" value="${v}"${v === 'PA' ? ' checked' : ''}> ${v}</label>`).join('')}</fieldset>
<label>Priority<select name="priority">${options(PRIORITIES, 'routine')}</select></label>
<label>Scheduled date<input name="scheduledDate" type="date"></label>
<label>Scheduled time<input name="scheduledTime" type="time"></label>
<label>Accession number (empty: made here)<input name="accessionNumber" maxlength="16"></label>
<label>X-ray unit AE title (empty: any)<input name="stationAeTitle" maxlength="16"></label>
<label class="wide">Note<textarea name="note" maxlength="2000" rows="2"></textarea></label>
<button type="submit">Register</button>
<p id="result" class="wide" role="status"></p>
</form>
<h2>Waiting for the centre (${waiting.length})</h2>
${table(waiting)}
<h2>Refused by the centre (${refused.length})</h2>
${table(refused)}
<script>
document.getElementById('order').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = { views: f.getAll('views') };
  for (const [k, v] of f.entries()) if (k !== 'views' && v !== '') body[k] = v;
  const out = document.getElementById('result');
  const res = await fetch('/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (res.ok) { out.className = 'ok'; out.textContent = 'Registered: accession ' + json.accessionNumber + '. It is on the worklist now.'; setTimeout(() => location.reload(), 1500); }
  else { out.className = 'bad'; out.textContent = json.message || 'Not registered.'; }
});
</script>
</body></html>`;
}
