// The demo page that `npm start` prints. It shows the node's live readiness now; the widgets
// issue puts every widget on it, against the seeded demo data.
import type { HttpRoute } from '../../realtime/transport/http.js';
import { HUBBUB_VERSION } from '../version.js';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hubbub demo</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  table { border-collapse: collapse; } td, th { padding: .25rem .75rem; text-align: left; }
  .up { color: #1a7f37; } .down { color: #cf222e; }
</style>
</head>
<body>
<main>
  <h1>Hubbub <small>${HUBBUB_VERSION}</small></h1>
  <p>This hub node is running. The chat, live-session, inbox and moderation widgets appear on this
  page as they are built; until then it shows the node's dependencies, live.</p>
  <h2>Dependencies</h2>
  <p id="status" role="status" aria-live="polite">Checking…</p>
  <table aria-describedby="status"><thead><tr><th scope="col">dependency</th><th scope="col">status</th>
  <th scope="col">latency</th></tr></thead><tbody id="checks"></tbody></table>
  <p><a href="/readyz">/readyz</a> · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></p>
</main>
<script type="module">
  const status = document.getElementById('status');
  const rows = document.getElementById('checks');
  async function refresh() {
    try {
      const report = await (await fetch('/readyz', { cache: 'no-store' })).json();
      status.textContent = 'Node ' + report.node + ': ' + report.status;
      rows.replaceChildren(...Object.entries(report.checks).map(([name, c]) => {
        const tr = document.createElement('tr');
        for (const [text, cls] of [[name], [c.status + (c.required ? '' : ' (optional)'), c.status], [c.latencyMs + ' ms']]) {
          const td = document.createElement('td');
          td.textContent = text;
          if (cls) td.className = cls;
          tr.append(td);
        }
        return tr;
      }));
    } catch (err) {
      status.textContent = 'The hub does not answer: ' + err.message;
    }
  }
  refresh();
  setInterval(refresh, 3000);
</script>
</body>
</html>
`;

export function demoRoutes(): HttpRoute[] {
  const html = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  return [
    { method: 'get', pattern: '/', handler: () => ({ status: 302, headers: { location: '/demo/' } }) },
    { method: 'get', pattern: '/demo/', handler: () => html },
    { method: 'get', pattern: '/demo', handler: () => ({ status: 302, headers: { location: '/demo/' } }) },
  ];
}
