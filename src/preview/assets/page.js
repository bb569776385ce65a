// The live preview page: asks the server for the build's number twice a
// second, and when it changed, fetches the state and redraws. Text only:
// nothing from the state is ever written as HTML.
'use strict';

(function () {
  let version = -1;
  let documentsVersion = -1;
  let words = null;
  let lang = document.documentElement.lang;

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  };
  // The tool's own messages are in English: marked so on a French page.
  const english = () => (lang === 'en' ? null : 'en');
  const file = (name) => 'out/' + name.split('/').map(encodeURIComponent).join('/');
  const fill = (id, ...children) => document.getElementById(id).replaceChildren(...children);

  function status(state) {
    const w = state.words;
    let text;
    if (state.stopped) text = w.stopped;
    else if (state.status === 'waiting') text = w.waiting;
    else if (state.status === 'building') text = w.building;
    else if (state.status === 'failed') text = w.failed;
    else text = w.built;
    const node = document.getElementById('status');
    node.textContent = text;
    node.className = 'status ' + (state.stopped ? 'stopped' : state.status);
    document.body.dataset.status = state.stopped ? 'stopped' : state.status;
    document.body.dataset.version = String(state.version);
  }

  function problems(state) {
    const w = state.words;
    if (state.problems.length === 0) {
      fill('problems', el('p', { class: 'none' }, w.no_problems));
      return;
    }
    const rows = state.problems.map((p) => {
      const label = p.severity === 'error' ? w.error : p.severity === 'warning' ? w.warning : w.note;
      const what = el('td', null, el('span', { lang: english() }, p.message));
      for (const hint of p.hints) what.append(el('p', { class: 'hint' }, w.hint + ': ', el('span', { lang: english() }, hint)));
      return el('tr', { class: p.severity },
        el('td', null, el('span', { class: 'badge ' + p.severity }, label)),
        el('td', { class: 'place' }, p.place),
        what);
    });
    fill('problems', el('table', { id: 'problem-list' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, w.severity),
        el('th', { scope: 'col' }, w.place),
        el('th', { scope: 'col' }, w.what))),
      el('tbody', null, ...rows)));
  }

  function figures(state) {
    const w = state.words;
    const list = el('ul', { id: 'figure-list', lang: english() },
      ...state.figures.map((f) => el('li', null, f.name + ': ', el('strong', null, f.value))));
    const changes = state.changes.length === 0
      ? el('p', { class: 'none' }, w.no_changes)
      : el('ul', { id: 'change-list', lang: english() }, ...state.changes.map((c) => el('li', null, c)));
    fill('figures', list, el('h3', null, w.changes), changes);
  }

  function links(doc, w) {
    const items = [];
    if (doc.pdf) items.push(el('li', null, el('a', { href: file(doc.pdf), download: '' }, w.pdf)));
    if (doc.pptx) items.push(el('li', null, el('a', { href: file(doc.pptx), download: '' }, w.pptx)));
    if (doc.html) items.push(el('li', null, el('a', { href: file(doc.html), download: '' }, w.html)));
    return el('ul', { class: 'downloads', 'aria-label': w.download + ': ' + doc.name }, ...items);
  }

  function documents(state) {
    const w = state.words;
    const v = '?v=' + state.documents_version;
    const decks = state.decks.map((doc) => el('article', { class: 'deck' },
      el('h3', null, doc.name),
      links(doc, w),
      el('ol', { class: 'slides' }, ...doc.pages.map((page, i) => el('li', null,
        el('img', { src: file(page) + v, alt: w.slide + ' ' + (i + 1) + ' ' + w.of + ' ' + doc.pages.length }))))));
    fill('decks', ...(decks.length ? decks : [el('p', { class: 'none' }, w.no_documents)]));
    const reports = state.reports.map((doc) => el('article', { class: 'report' },
      el('h3', null, doc.name),
      links(doc, w),
      doc.html ? el('iframe', { src: file(doc.html) + v, title: w.report_frame + ': ' + doc.name }) : null));
    fill('report', ...(reports.length ? reports : [el('p', { class: 'none' }, w.no_documents)]));
  }

  function ledger(state) {
    const w = state.words;
    const rows = state.sheets.map((s) => el('tr', null,
      el('th', { scope: 'row', class: 'place' }, s.place),
      el('td', { lang: english() }, s.kind || w.not_a_table),
      el('td', { class: 'number' }, String(s.rows)),
      el('td', { lang: english() }, s.ledger)));
    fill('ledger', el('table', { id: 'ledger-table' },
      el('thead', null, el('tr', null,
        el('th', { scope: 'col' }, w.sheet),
        el('th', { scope: 'col' }, w.kind),
        el('th', { scope: 'col' }, w.rows),
        el('th', { scope: 'col' }, w.runs))),
      el('tbody', null, ...rows)));
  }

  function draw(state) {
    words = state.words;
    lang = state.lang;
    status(state);
    problems(state);
    figures(state);
    if (state.documents_version !== documentsVersion) {
      documentsVersion = state.documents_version;
      documents(state);
    }
    ledger(state);
  }

  // Asks again twice a second; when the tool cannot be reached (it was
  // closed), says so and asks less often, in case it comes back.
  let failures = 0;
  async function tick() {
    let state = null;
    try {
      const answer = await fetch('version', { cache: 'no-store' });
      if (!answer.ok) throw new Error(String(answer.status));
      const now = Number(await answer.text());
      if (now !== version) state = await (await fetch('state.json', { cache: 'no-store' })).json();
      failures = 0;
    } catch (e) {
      failures += 1;
      if (failures >= 3 && words) {
        const node = document.getElementById('status');
        node.textContent = words.stopped;
        node.className = 'status stopped';
        document.body.dataset.status = 'stopped';
        version = -1;
      }
    }
    if (state) {
      version = state.version;
      draw(state);
    }
    if (!(state && state.stopped)) setTimeout(tick, failures >= 3 ? 2000 : 500);
  }
  tick();
})();
