// The demo page that `npm start` prints: every widget against the seeded demo data, with a
// persona switcher backed by the development-only token endpoint (routes/widgets.ts), and the
// node's live readiness.
import type { HttpRoute } from '../../realtime/transport/http.js';
import { HUBBUB_VERSION } from '../version.js';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hubbub demo</title>
<link rel="modulepreload" href="/widgets/hub-chat.js">
<style>
  :root { color-scheme: light; font-family: system-ui, sans-serif; --page-bg: #f6f7f9; --page-text: #1c1e21; }
  :root.dark { color-scheme: dark; --page-bg: #0f1115; --page-text: #e8eaed; }
  body { margin: 0; background: var(--page-bg); color: var(--page-text); line-height: 1.5; }
  main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
  h1 { margin: 0 0 .5rem; font-size: 1.5rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  fieldset { border: 1px solid #8a8f98; border-radius: 8px; display: inline-flex; gap: 1rem; flex-wrap: wrap; padding: .4rem .8rem; }
  .controls { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
  .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1rem; }
  @media (max-width: 60rem) { .grid { grid-template-columns: 1fr; } }
  table { border-collapse: collapse; } td, th { padding: .25rem .75rem; text-align: left; }
  .up { color: #1a7f37; } .down { color: #cf222e; } :root.dark .up { color: #7ee2a8; } :root.dark .down { color: #ff8a80; }
  #events { font: .8rem ui-monospace, monospace; max-height: 8rem; overflow: auto; background: rgb(127 127 127 / .12); padding: .5rem; border-radius: 6px; }
  a { color: inherit; }
</style>
</head>
<body>
<main>
  <h1>Hubbub <small>${HUBBUB_VERSION}</small></h1>
  <p>Every widget below runs against this hub and its seeded demo data. Switch persona to chat
  as two members at once (open a second window), to review reports as the moderator, or to answer
  support conversations as the support agent.</p>
  <div class="controls">
    <fieldset id="personas"><legend>Persona</legend>
      <label><input type="radio" name="persona" value="member" checked> Dana (member)</label>
      <label><input type="radio" name="persona" value="second-member"> Milo (member)</label>
      <label><input type="radio" name="persona" value="moderator"> Mona (moderator)</label>
      <label><input type="radio" name="persona" value="agent"> Aziz (support agent)</label>
      <label><input type="radio" name="persona" value="host"> Hana (host)</label>
    </fieldset>
    <label>Community <select id="community"><option value="plumbers">Plumbing Pros</option><option value="designers">Design Guild</option></select></label>
    <label>Theme <select id="theme"><option value="light">Light</option><option value="dark">Dark</option></select></label>
    <label>Language <select id="locale"><option value="en">English</option><option value="fr">Français</option></select></label>
  </div>
  <p id="persona-status" role="status"></p>
  <div class="grid">
    <section aria-labelledby="chat-title"><h2 id="chat-title">&lt;hub-chat&gt;</h2>
      <hub-chat id="chat" community="plumbers"></hub-chat></section>
    <section aria-labelledby="timeline-title"><h2 id="timeline-title">&lt;hub-timeline&gt;</h2>
      <hub-timeline id="timeline" community="plumbers"></hub-timeline></section>
  </div>
  <section aria-labelledby="mod-title"><h2 id="mod-title">&lt;hub-mod-queue&gt;</h2>
    <p id="mod-hint">Switch to the moderator persona to review the queue.</p>
    <hub-mod-queue id="modq" community="plumbers" hidden></hub-mod-queue></section>
  <section aria-labelledby="inbox-title"><h2 id="inbox-title">&lt;hub-inbox&gt;</h2>
    <p id="inbox-hint">Switch to the support agent persona to answer members' support conversations
    (with <code>npm start</code> the inbox syncs with a local Chatwoot contract double).</p>
    <hub-inbox id="inbox" agent-id="1" status="all" hidden></hub-inbox></section>
  <section aria-labelledby="live-title"><h2 id="live-title">&lt;hub-live-session&gt;</h2>
    <p>The community's live or next session. Switch to the host persona to go live; members join
    the audience, raise a hand and ask questions (open a second window as a member).</p>
    <hub-live-session id="live" community="plumbers"></hub-live-session></section>
  <h2>Widget events</h2>
  <pre id="events" aria-label="Widget events"></pre>
  <h2>Dependencies</h2>
  <p id="status" role="status" aria-live="polite">Checking…</p>
  <table aria-describedby="status"><thead><tr><th scope="col">dependency</th><th scope="col">status</th>
  <th scope="col">latency</th></tr></thead><tbody id="checks"></tbody></table>
  <p><a href="/readyz">/readyz</a> · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a> · <a href="/widgets/sizes.json">widget sizes</a></p>
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
<script type="module">
  import '/widgets/hub-chat.js';
  import '/widgets/hub-timeline.js';
  import '/widgets/hub-mod-queue.js';
  import '/widgets/hub-live-session.js';
  import '/widgets/hub-inbox.js';
  const [chat, timeline, modq] = ['chat', 'timeline', 'modq'].map((id) => document.getElementById(id));
  const widgets = [chat, timeline, modq];
  const log = document.getElementById('events');
  for (const name of ['hub-message-sent', 'hub-message-failed', 'hub-unread-changed', 'hub-channel-changed', 'hub-connection-changed', 'hub-message-reported', 'hub-case-opened', 'hub-case-decided', 'hub-conversation-selected', 'hub-reply-sent', 'hub-conversation-updated', 'hub-error']) {
    document.addEventListener(name, (e) => {
      log.textContent = new Date().toLocaleTimeString() + ' ' + e.target.localName + ' ' + name + ' ' + JSON.stringify(e.detail) + '\\n' + log.textContent.slice(0, 4000);
    });
  }
  for (const name of ['hub-live-joined', 'hub-live-left', 'hub-live-role-changed', 'hub-live-hand-changed', 'hub-live-question-asked', 'hub-live-poll-voted', 'hub-live-reaction-sent']) {
    document.addEventListener(name, (e) => {
      log.textContent = new Date().toLocaleTimeString() + ' ' + e.target.localName + ' ' + name + ' ' + JSON.stringify(e.detail) + '\\n' + log.textContent.slice(0, 4000);
    });
  }
  // The persona switcher: a token from the development-only endpoint, fetched again before it expires.
  function providerFor(persona) {
    let current;
    return async () => {
      if (!current || current.expiresAt - Date.now() < 60000) {
        const response = await fetch('/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
        current = body;
        document.getElementById('persona-status').textContent = 'Signed in as ' + body.name + '.';
      }
      return current.token;
    };
  }
  function apply() {
    const persona = document.querySelector('input[name=persona]:checked').value;
    const provider = providerFor(persona);
    const moderator = persona === 'moderator';
    modq.hidden = !moderator;
    document.getElementById('mod-hint').hidden = moderator;
    for (const w of widgets) {
      w.community = document.getElementById('community').value;
      w.theme = document.getElementById('theme').value;
      w.locale = document.getElementById('locale').value;
      if (w !== modq || moderator) w.tokenProvider = provider;
    }
    // The live session: every persona may watch; the host persona runs it.
    const live = document.getElementById('live');
    live.community = document.getElementById('community').value;
    live.theme = document.getElementById('theme').value;
    live.locale = document.getElementById('locale').value;
    live.tokenProvider = provider;
    document.documentElement.classList.toggle('dark', document.getElementById('theme').value === 'dark');
    // The support inbox is for the agent persona only (members are refused the agents' API).
    const inbox = document.getElementById('inbox');
    const agent = persona === 'agent';
    inbox.hidden = !agent;
    document.getElementById('inbox-hint').hidden = agent;
    inbox.theme = document.getElementById('theme').value;
    inbox.locale = document.getElementById('locale').value;
    inbox.tokenProvider = agent ? provider : undefined;
  }
  const params = new URLSearchParams(location.search);
  for (const key of ['persona', 'community', 'theme', 'locale']) {
    const value = params.get(key);
    if (!value) continue;
    if (key === 'persona') { const input = document.querySelector('input[value="' + CSS.escape(value) + '"]'); if (input) input.checked = true; }
    else document.getElementById(key).value = value;
  }
  document.querySelectorAll('input[name=persona], select').forEach((el) => el.addEventListener('change', apply));
  apply();
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
