// End-to-end checks of the packaged extension inside a real VS Code (code-server), driven like a person with
// headless Chromium through playwright-core. scripts/e2e/run.sh starts code-server and sets the environment:
//   DOCBITS_E2E_URL       code-server's address, e.g. http://127.0.0.1:41234
//   DOCBITS_E2E_FOLDER    the copy of sample/ to open
//   DOCBITS_E2E_SHOTS     where to write screenshots (diagnostics, hover, not-measured, report, quickfix, stub, notebook, quality .png)
//   DOCBITS_E2E_LOGS      code-server's logs folder (the extension host's log is read after a window reload)
//   PLAYWRIGHT_CORE       folder of the playwright-core package to use
//   CHROMIUM              browser binary (default /usr/bin/chromium)
//   DOCBITS_E2E_EXPECT_EXTRA  extra expected diagnostics, `;`-separated (to prove the test can fail)
// Prints one PASS/FAIL line per check; exits 1 if any failed. Each scenario is one function in SCENARIOS (at the
// end), run in order on one window: add a new one there.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPECTED_MISSING, EXCUSED, SQUIGGLED_LINES, CLEAN_LINES, HOVER, STATUS_BAR, NOT_MEASURED, SUMMARY, SORT, QUICK_FIX, CANCEL, QUALITY, ADD_ALL } from './expectations.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const base = process.env.DOCBITS_E2E_URL;
const folder = process.env.DOCBITS_E2E_FOLDER;
const shots = process.env.DOCBITS_E2E_SHOTS || '.';
if (!base || !folder) { console.error('DOCBITS_E2E_URL and DOCBITS_E2E_FOLDER must be set (scripts/e2e/run.sh does it)'); process.exit(2); }
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const results = [];
const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const expected = {};
for (const [file, list] of Object.entries(EXPECTED_MISSING)) expected[file] = [...list];
for (const extra of (process.env.DOCBITS_E2E_EXPECT_EXTRA || '').split(';').map((s) => s.trim()).filter(Boolean)) {
  const [file, message] = extra.includes('::') ? extra.split('::') : ['shapes/flags.py', extra];
  (expected[file] ??= []).push(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(30000);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));

/** Runs one check; an exception or a false result is a FAIL with its reason, and a screenshot of the moment. */
async function check(name, body) {
  const started = Date.now();
  let ok = false, detail;
  try {
    detail = await body();
    ok = true;
  } catch (e) {
    detail = (e?.message ?? String(e)).split('\n')[0];
    await page.screenshot({ path: path.join(shots, `FAILED-${name}.png`) }).catch(() => {});
  }
  results.push({ name, ok });
  log(`${ok ? 'PASS' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)}s): ${detail}`);
  return ok;
}
const expect = (cond, message) => { if (!cond) throw new Error(message); };
/** Polls fn until it returns a truthy value or time runs out (then returns the last value). */
async function until(fn, timeout = 30000, every = 250) {
  const end = Date.now() + timeout;
  let v;
  for (;;) {
    v = await fn().catch(() => undefined);
    if (v || Date.now() > end) return v;
    await page.waitForTimeout(every);
  }
}

const editor = () => page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
const squiggles = () => editor().locator('.view-overlays [class*="squiggly-warning"], .view-overlays [class*="squiggly-error"], .view-overlays [class*="squiggly-info"]');
/** Whether the line showing `lineText` carries a squiggle (overlay rows and text rows share their style.top). */
async function squiggleOnLine(lineText) {
  return editor().evaluate((ed, want) => {
    const line = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.textContent.replace(/\u00a0/g, ' ').includes(want));
    if (!line) throw new Error(`no visible line with "${want}"`);
    return [...ed.querySelectorAll('.view-overlays [class*="squiggly-"]')]
      .some((sq) => sq.parentElement.style.top === line.style.top);
  }, lineText);
}
const statusItems = () => page.locator('.part.statusbar .statusbar-item');

/**
 * Opens a quick input with `keys`, types `text` and accepts it (once `rowText` is listed, if given). The widget
 * can close again before the text is in: a CI run's command palette did so when a re-rendering panel took the
 * focus, and its fill then waited 30 s. So each try is short, and a closed widget is opened again (three tries).
 */
async function quickInput(keys, text, rowText) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press(keys);
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(text, { timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      log(`  quick input ${keys}: try ${attempt} failed (${String(error.message).split('\n')[0]}), trying again`);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  if (rowText) await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor();
  else await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}
async function openFile(rel) {
  await quickInput('Control+P', rel, path.basename(rel));
  await page.locator('.tab.active', { hasText: path.basename(rel) }).waitFor();
  await editor().locator('.view-lines .view-line').first().waitFor();
}
async function problemsPanel() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }
  return panel;
}
/** Messages in the Problems panel, per file: { 'flags.py': ['Missing docstring in method Flags.clear', ...] }. */
async function problems() {
  const panel = await problemsPanel();
  const rows = await panel.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => ({
    text: e.innerText, file: e.getAttribute('aria-level') === '1' ? (e.querySelector('.label-name')?.textContent ?? e.innerText) : null,
  })));
  const byFile = {};
  let current = '?';
  for (const r of rows) {
    const text = r.text.replace(/\u00a0/g, ' ');
    if (r.file) { current = r.file.trim(); byFile[current] ??= []; continue; }
    const m = /Missing docstring in [^\n]*?(?=\s+docbits|\s*\[|\n|$)/.exec(text);
    (byFile[current] ??= []).push(m ? m[0].trim() : text.split('\n')[0].trim());
  }
  return byFile;
}
function sameSet(a, b) { return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|'); }

/** Opens the window on the sample folder (again after a reload): the workbench, then geometry.py and flags.py. */
async function openWindow(reloaded = false) {
  if (!reloaded) await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90000 });
  // After a reload the side bar may show the Docbits view, empty until a report runs.
  if (!reloaded) await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
  await page.waitForTimeout(reloaded ? 3000 : 500);
  if (reloaded) return; // the editors come back by themselves
  await openFile('shapes/geometry.py');
  await openFile('shapes/flags.py');
}

let ready = false;
fs.mkdirSync(path.join(folder, path.dirname(NOT_MEASURED.file)), { recursive: true });
fs.writeFileSync(path.join(folder, NOT_MEASURED.file), NOT_MEASURED.text);
try {
  log(`open ${base} folder ${folder}`);
  await openWindow();
  log('workbench ready, flags.py and geometry.py open');
  ready = true;
} catch (e) {
  log('FAIL setup: ' + (e?.message ?? e).split('\n')[0]);
  await page.screenshot({ path: path.join(shots, 'FAILED-setup.png') }).catch(() => {});
  results.push({ name: 'setup', ok: false });
}

/** The Docbits view's rows in the order shown: { text, level } (the list is virtual: ordered by position). */
async function viewRows() {
  return page.locator('.part.sidebar .monaco-list-row').evaluateAll((els) => els
    .map((e) => ({
      top: parseFloat(e.style.top) || 0, level: Number(e.getAttribute('aria-level')),
      // label and description as the row shows them, one space apart
      text: [e.querySelector('.label-name')?.textContent, e.querySelector('.label-description')?.textContent]
        .filter(Boolean).join(' ').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim(),
    }))
    .sort((a, b) => a.top - b.top).map(({ text, level }) => ({ text, level })));
}
const viewRow = (label) => page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name').getByText(label, { exact: true }) }).first();
async function expandRow(label) {
  const row = viewRow(label);
  await row.waitFor({ timeout: 15000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}
/** Labels of the rows one level below `parentLabel`, in order. */
async function childLabels(parentLabel) {
  const rows = await viewRows();
  const i = rows.findIndex((r) => r.text.startsWith(parentLabel + ' ') || r.text === parentLabel);
  const out = [];
  for (let j = i + 1; j < rows.length && rows[j].level > rows[i].level; j++) if (rows[j].level === rows[i].level + 1) out.push(rows[j].text.split(' ')[0]);
  return out;
}

/** Squiggles in flags.py, and Problems rows on exactly the undocumented definitions. */
const diagnosticsScenario = () => check('diagnostics', async () => {
  const want = expected['shapes/flags.py'];
  const n = await until(async () => { const c = await squiggles().count(); return c >= want.length ? c : 0; }, 45000);
  const squiggleCount = await squiggles().count();
  // Before the Problems panel takes half the editor's height: the whole file is in view.
  for (const l of SQUIGGLED_LINES) expect(await squiggleOnLine(l), `no squiggle on "${l}"`);
  for (const l of CLEAN_LINES) expect(!(await squiggleOnLine(l)), `a squiggle on "${l}"`);
  let got = {};
  await until(async () => {
    got = await problems();
    return Object.entries(expected).every(([file, list]) => sameSet(got[path.basename(file)] ?? [], list));
  }, 20000, 500);
  const problems_ = Object.entries(got).map(([f, l]) => `${f}: ${l.join(', ')}`).join(' | ');
  for (const [file, list] of Object.entries(expected)) {
    const have = got[path.basename(file)] ?? [];
    const absent = list.filter((m) => !have.includes(m));
    const extra = have.filter((m) => !list.includes(m));
    expect(!absent.length, `expected in the Problems panel but absent (${file}): ${absent.join('; ')} -- panel: ${problems_}`);
    expect(!extra.length, `unexpected Problems rows (${file}): ${extra.join('; ')}`);
  }
  const all = Object.values(got).flat().join('\n');
  for (const name of EXCUSED) expect(!all.includes(name), `the excused ${name} has a diagnostic`);
  expect(n && squiggleCount === want.length, `${squiggleCount} squiggles in flags.py, expected ${want.length}`);
  const status = norm(await page.locator('.part.statusbar #status\\.problems').innerText().catch(() => ''));
  await page.screenshot({ path: path.join(shots, 'diagnostics.png') });
  return `${squiggleCount} squiggles in flags.py, on ${SQUIGGLED_LINES.join(' / ')}, none on ${CLEAN_LINES[0]}; Problems: ${problems_}; none on ${EXCUSED.join(', ')}; status "${status}"`;
});

/** Hover over `&` in `DEFAULT = ALL & ~SHADOW`. */
const hoverScenario = () => check('hover', async () => {
  await page.keyboard.press('Control+Shift+M'); // close the Problems panel for a clean view
  await page.locator('.tab', { hasText: 'flags.py' }).first().click();
  const line = editor().locator('.view-lines .view-line', { hasText: HOVER.lineText }).first();
  await line.waitFor();
  const target = await line.evaluate((el, op) => {
    for (const span of el.querySelectorAll('span > span')) {
      const text = span.textContent.replace(/\u00a0/g, ' ');
      const i = text.indexOf(op);
      if (i < 0) continue;
      const r = span.getBoundingClientRect();
      const w = r.width / text.length;
      return { x: r.left + (i + 0.5) * w, y: r.top + r.height / 2 };
    }
    return null;
  }, HOVER.operator);
  expect(target, `no "${HOVER.operator}" on the line "${HOVER.lineText}"`);
  await page.mouse.move(target.x, target.y - 60);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: HOVER.mustContain[0] });
  await hover.first().waitFor({ timeout: 15000 });
  const text = (await hover.first().innerText()).replace(/\u00a0/g, ' ');
  for (const s of HOVER.mustContain) expect(text.includes(s), `hover lacks "${s}": ${norm(text)}`);
  await page.screenshot({ path: path.join(shots, 'hover.png') });
  await page.mouse.move(5, 450);
  return `"${norm(text).slice(0, 160)}..."`;
});

/** Status bar: `$(book) 57%` rendered as a book icon and `57%`. */
const statusBarScenario = () => check('status bar', async () => {
  const item = statusItems().filter({ hasText: STATUS_BAR.text });
  await item.first().waitFor({ timeout: 20000 });
  const text = norm(await item.first().innerText());
  const icon = await item.first().locator(`.codicon-${STATUS_BAR.icon}`).count();
  expect(text === STATUS_BAR.text, `status bar text "${text}", expected "${STATUS_BAR.text}"`);
  expect(icon === 1, `no $(${STATUS_BAR.icon}) icon in the status bar item`);
  const aria = await item.first().locator('a, [role=button]').first().getAttribute('aria-label').catch(() => null);
  return `item "${text}" with .codicon-${STATUS_BAR.icon}; aria-label "${norm(aria)}"`;
});

/** An excluded file: the status bar says "not measured" and why, instead of a percentage. */
const notMeasuredScenario = () => check('status bar not measured', async () => {
  await openFile(NOT_MEASURED.file);
  const item = statusItems().filter({ hasText: NOT_MEASURED.status });
  await item.first().waitFor({ timeout: 20000 });
  const text = norm(await item.first().innerText());
  expect(!/\d%/.test(text), `a percentage on an excluded file: "${text}"`);
  await item.first().hover();
  const tooltip = page.locator('.workbench-hover, .monaco-hover:not(.hidden), .custom-hover').filter({ hasText: NOT_MEASURED.tooltip });
  await tooltip.first().waitFor({ timeout: 10000 });
  const tip = norm(await tooltip.first().innerText());
  await page.screenshot({ path: path.join(shots, 'not-measured.png') });
  await page.mouse.move(5, 450);
  await page.locator('.tab', { hasText: 'flags.py' }).first().click();
  return `item "${text}"; tooltip "${tip}"`;
});

/**
 * Cancel from the progress notification: a larger copy (CANCEL.files generated modules in CANCEL.folder, made
 * here and removed after, before any report exists, so no quiet re-run starts) is scanned by the command; its
 * progress toast's Cancel button ends the scan, the UI says it was cancelled, and no progress toast stays.
 */
const cancelScenario = () => check('cancel', async () => {
  const big = path.join(folder, CANCEL.folder);
  const module = Array.from({ length: CANCEL.classes }, (_, c) => `class C${c}:\n    def m(self):\n        return ${c}\n\n`).join('');
  for (let i = 0; i < CANCEL.files; i++) {
    const dir = path.join(big, `p${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `m${i}.py`), module);
  }
  try {
    await quickInput('Control+Shift+P', `>${SUMMARY.command}`, SUMMARY.command);
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: /files|Finding files/ });
    await progress.first().waitFor({ timeout: 30000 });
    const shown = norm(await progress.first().innerText());
    await progress.first().locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    const said = page.locator('.notifications-toasts .notification-toast', { hasText: CANCEL.notification });
    await said.first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1500);
    const lingering = await progress.count();
    expect(lingering === 0, `a progress toast is still shown after the cancel (${lingering})`);
    const summary = await page.locator('.notifications-toasts .notification-toast', { hasText: /Docstring coverage \d/ }).count();
    expect(summary === 0, 'a coverage summary was shown for a cancelled run');
    await page.screenshot({ path: path.join(shots, 'cancelled.png') });
    await said.first().hover();
    await said.first().locator('.codicon-notifications-clear, .codicon-close').first().click().catch(() => {});
    return `progress "${shown}" cancelled; "${CANCEL.notification}" shown; no progress toast, no summary`;
  } finally {
    fs.rmSync(big, { recursive: true, force: true });
  }
});

/**
 * Palette command -> the Docbits view revealed with the folders nested (sample/ -> shapes/ -> files), the
 * summary notification, and no progress toast left once it shows.
 */
const workspaceCommandScenario = () => check('workspace command', async () => {
  await quickInput('Control+Shift+P', `>${SUMMARY.command}`, SUMMARY.command);
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: SUMMARY.notification });
  await toast.first().waitFor({ timeout: 30000 });
  const progress = page.locator('.notifications-toasts .notification-toast', { hasText: /files|Finding files/ });
  const lingering = await progress.count();
  await page.waitForTimeout(1500);
  const stillLingering = await progress.count();
  expect(lingering === 0 && stillLingering === 0, `a progress toast is still shown with the summary (${lingering}, then ${stillLingering})`);
  const message = norm(await toast.first().locator('.notification-list-item-message').first().innerText());
  const title = norm(await page.locator('.part.sidebar .composite.title').first().innerText().catch(() => ''));
  expect(/docbits|docstring coverage/i.test(title), `the side bar shows "${title}", not the Docbits view`);
  for (const [label, description] of SUMMARY.folders) {
    await expandRow(label);
    const rows = await viewRows();
    expect(rows.some((r) => r.text === `${label} ${description}`), `no folder row "${label} ${description}": ${rows.map((r) => r.text).join(' | ')}`);
  }
  await expandRow(SUMMARY.expand);
  await viewRow(SUMMARY.treeRows[SUMMARY.treeRows.length - 1]).waitFor({ timeout: 10000 });
  const rows = await viewRows();
  const texts = rows.map((r) => r.text);
  for (const r of SUMMARY.treeRows) expect(texts.some((t) => t.includes(r)), `no tree row with "${r}": ${texts.join(' | ')}`);
  const levels = Object.fromEntries(rows.map((r) => [r.text.split(' ')[0], r.level]));
  expect(levels.sample === 1 && levels.shapes === 2 && levels['flags.py'] === 3 && levels['Flags.clear'] === 4, `nesting: ${JSON.stringify(levels)}`);
  await page.screenshot({ path: path.join(shots, 'report.png') });
  return `notification "${message}", no progress toast; view "${title}": ${rows.map((r) => `${'>'.repeat(r.level - 1)}${r.text}`).join(' | ')}`;
});

/** "Docbits: Sort Coverage View…" -> Coverage: the files under shapes/ reorder, lowest coverage first. */
const sortScenario = () => check('view sort', async () => {
  const before = await childLabels('shapes');
  expect(before.join() === SORT.byPath.join(), `path order ${before.join(', ')}`);
  await quickInput('Control+Shift+P', `>${SORT.command}`, 'Sort Coverage View');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: SORT.pick }).first().waitFor();
  await input.fill(SORT.pick);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  const after = await until(async () => {
    const labels = await childLabels('shapes');
    return labels.join() === SORT.byCoverage.join() ? labels : null;
  }, 10000);
  expect(after, `coverage order ${(await childLabels('shapes')).join(', ')}`);
  return `by path ${before.join(', ')}; by coverage ${after.join(', ')}`;
});

/** Quick fix: Ctrl+. on `def clear` -> "Add docstring to Flags.clear" -> a snippet stub, the summary selected; diagnostic gone. */
const quickFixScenario = () => check('quick fix', async () => {
  await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => {});
  await page.locator('.tab', { hasText: 'flags.py' }).first().click();
  const before = await squiggleOnLine(QUICK_FIX.defLine);
  expect(before, `no squiggle on "${QUICK_FIX.defLine}" before the fix`);
  await quickInput('Control+G', `:${QUICK_FIX.goto}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: QUICK_FIX.action });
  await action.first().waitFor({ timeout: 15000 });
  await page.screenshot({ path: path.join(shots, 'quickfix.png') });
  // The preferred fix is the focused row; Enter applies it, as a keyboard user would.
  const focused = norm(await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => ''));
  expect(focused.includes(QUICK_FIX.action), `the focused quick fix is "${focused}", not "${QUICK_FIX.action}"`);
  await page.keyboard.press('Enter');
  const defLine = editor().locator('.view-lines .view-line', { hasText: QUICK_FIX.defLine });
  await defLine.first().waitFor();
  // The line after `def clear(...)` now opens a docstring.
  const inserted = await until(async () => {
    const lines = await editor().locator('.view-lines .view-line').evaluateAll((els) => els
      .map((e) => ({ top: parseFloat(e.style.top), text: e.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top).map((l) => l.text));
    const i = lines.findIndex((l) => l.includes(QUICK_FIX.defLine));
    return i >= 0 && lines[i + 1]?.includes('"""') ? lines[i + 1].trim() : null;
  }, 10000);
  expect(inserted, 'no docstring inserted under the definition');
  // Inserted as a snippet: the summary placeholder is selected, on the docstring's first line.
  const selection = norm(await page.locator('#status\\.editor\\.selection').innerText().catch(() => ''));
  const wantLine = Number(QUICK_FIX.goto.split(':')[0]) + 1;
  expect(selection.includes(`Ln ${wantLine},`) && selection.includes(`(${QUICK_FIX.summary.length} selected)`),
    `cursor "${selection}", expected line ${wantLine} with the ${QUICK_FIX.summary.length}-character summary selected`);
  expect(inserted.includes(QUICK_FIX.summary), `the docstring opens with "${inserted}"`);
  await page.screenshot({ path: path.join(shots, 'stub.png') });
  await page.keyboard.press('Escape');
  const gone = await until(async () => !(await squiggleOnLine(QUICK_FIX.defLine)), 20000);
  expect(gone, `the squiggle on "${QUICK_FIX.defLine}" is still there`);
  const got = await problems();
  const left = (got['flags.py'] ?? []).filter((m) => m.includes(QUICK_FIX.qualname));
  expect(!left.length, `the Problems panel still lists ${left.join('; ')}`);
  const status = await until(async () => (await statusItems().filter({ hasText: QUICK_FIX.statusAfter }).count()) > 0, 10000);
  expect(status, `status bar did not move to ${QUICK_FIX.statusAfter}`);
  return `inserted "${inserted}" as a snippet (${selection}); squiggle on "${QUICK_FIX.defLine}" gone; "${QUICK_FIX.qualname}" gone from Problems; status bar ${QUICK_FIX.statusAfter}`;
});

/** After the quick fix the view catches up by itself: flags.py 2 missing, Flags.clear gone. */
const liveViewScenario = () => check('view live update', async () => {
  await expandRow('shapes');
  const updated = await until(async () => (await viewRows()).find((r) => r.text.startsWith('flags.py ') && r.text.includes(QUICK_FIX.viewAfter)), 30000, 500);
  expect(updated, `flags.py still reads ${(await viewRows()).find((r) => r.text.startsWith('flags.py '))?.text}`);
  const rows = (await viewRows()).map((r) => r.text);
  expect(!rows.some((t) => t.startsWith(`${QUICK_FIX.qualname} `)), `${QUICK_FIX.qualname} is still listed: ${rows.join(' | ')}`);
  return `flags.py row "${updated.text}"; ${QUICK_FIX.qualname} gone`;
});

/** Every extension host log line of code-server's logs folder that mentions docbits and FAILED. */
function failedLogLines() {
  const logs = process.env.DOCBITS_E2E_LOGS;
  if (!logs || !fs.existsSync(logs)) return null;
  const found = [];
  const stack = [logs];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/exthost/i.test(full) && entry.name.endsWith('.log')) {
        for (const line of fs.readFileSync(full, 'utf8').split('\n')) if (/FAILED|Channel has been closed/.test(line) && /docbits/i.test(line)) found.push(line.slice(0, 200));
      }
    }
  }
  return found;
}

/** Reload the window with code actions in flight: no "[docbits] provider FAILED" in the extension host log after. */
const reloadScenario = () => check('window reload', async () => {
  const before = failedLogLines();
  expect(before !== null, 'DOCBITS_E2E_LOGS is not set (scripts/e2e/run.sh sets it)');
  await page.locator('.tab', { hasText: 'flags.py' }).first().click();
  await quickInput('Control+G', ':27:9'); // def lowest: a squiggle, so the editor asks for code actions
  const loaded = page.waitForEvent('load', { timeout: 90000 });
  await quickInput('Control+Shift+P', '>Developer: Reload Window', 'Reload Window');
  await loaded;
  await openWindow(true);
  const back = await until(async () => (await statusItems().filter({ hasText: '%' }).count()) > 0, 45000);
  expect(back, 'no coverage in the status bar after the reload');
  await page.waitForTimeout(5000); // the old extension host's log is complete once it has exited
  const failed = failedLogLines();
  expect(failed.length === 0, `extension host log: ${failed.slice(0, 3).join(' || ')}`);
  return `reloaded; status bar back; 0 FAILED lines in the extension host logs (${before.length} before the reload)`;
});

/**
 * Notebooks (issue 16): a notebook written into the workspace, opened in VS Code's notebook editor; the
 * undocumented function in cell 2 has a squiggle, its quick fix adds the docstring in that cell, and the
 * squiggle goes. Last, so the notebook does not change what the checks above expect of the workspace
 * (and it leaves the notebook in front).
 */
async function notebookScenario() {
  const cellOf = (text) => page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: text }).first();
  const cellSquiggles = (text) => cellOf(text).locator('.view-overlays [class*="squiggly-"]');
  await check('notebook quick fix', async () => {
    const code = (source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
    fs.writeFileSync(path.join(folder, 'flags_notebook.ipynb'), JSON.stringify({
      cells: [
        code(['"""Flags, explored in a notebook."""\n', 'FLAGS = 0b1010\n']),
        code(['def mask(value):\n', '    return value & FLAGS\n']),
        { cell_type: 'markdown', metadata: {}, source: ['Masks are `value & FLAGS`.'] },
        code(['%timeit mask(3)\n']),
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
      nbformat: 4, nbformat_minor: 5,
    }, null, 1));
    await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => {});
    await quickInput('Control+P', 'flags_notebook.ipynb', 'flags_notebook.ipynb');
    await page.locator('.tab.active', { hasText: 'flags_notebook.ipynb' }).waitFor();
    await cellOf('def mask').waitFor({ timeout: 30000 });
    const squiggled = await until(async () => (await cellSquiggles('def mask').count()) > 0, 45000);
    expect(squiggled, 'no squiggle in cell 2 (def mask)');
    const others = await cellSquiggles('FLAGS = 0b1010').count();
    expect(others === 0, `${others} squiggles in cell 1, which is documented`);
    // Put the cursor on `mask` in `def mask(value):` and ask for the quick fixes there.
    const word = await cellOf('def mask').locator('.view-line', { hasText: 'def mask' }).first().evaluate((el) => {
      for (const span of el.querySelectorAll('span > span')) {
        const text = span.textContent.replace(/\u00a0/g, ' ');
        const i = text.indexOf('mask');
        if (i < 0) continue;
        const r = span.getBoundingClientRect();
        const w = r.width / text.length;
        return { x: r.left + (i + 2) * w, y: r.top + r.height / 2 };
      }
      return null;
    });
    expect(word, 'no `mask` on the line `def mask(value):`');
    await page.mouse.click(word.x, word.y);
    await page.waitForTimeout(300);
    const status = norm((await statusItems().filter({ hasText: '%' }).allInnerTexts().catch(() => [])).join(' | '));
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Add docstring to mask' });
    await action.first().waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(shots, 'notebook.png') });
    // The preferred fix is the focused row; Enter applies it (a click on the row can be taken by the widget's hover).
    const focused = norm(await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => ''));
    expect(focused.includes('Add docstring to mask'), `the focused quick fix is "${focused}"`);
    await page.keyboard.press('Enter');
    const inserted = await until(async () => {
      const lines = (await cellOf('def mask').locator('.view-line').allInnerTexts()).map(norm);
      return lines.find((l) => l.startsWith('"""')) ?? null;
    }, 10000);
    expect(inserted, 'no docstring inserted in cell 2');
    const gone = await until(async () => (await cellSquiggles('def mask').count()) === 0, 20000);
    expect(gone, 'the squiggle in cell 2 is still there');
    return `squiggle in cell 2 on def mask, none in cell 1; status bar "${status}"; inserted "${inserted}" in cell 2; squiggle gone`;
  });
}

/**
 * Docstring quality (issue 13): in a project whose pyproject.toml has [tool.pydoclint], a function gains a
 * parameter -> DOC101 on it -> Ctrl+. on that squiggle: "Update docstring to match signature" is the preferred
 * (focused) fix -> Enter documents the parameter -> the diagnostic goes. Last: it adds files to the workspace.
 */
const qualityScenario = () => check('docstring quality fix', async () => {
  fs.mkdirSync(path.join(folder, path.dirname(QUALITY.file)), { recursive: true });
  fs.writeFileSync(path.join(folder, path.dirname(QUALITY.file), 'pyproject.toml'), QUALITY.pyproject);
  fs.writeFileSync(path.join(folder, QUALITY.file), QUALITY.text);
  await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => {});
  await openFile(QUALITY.file);
  await page.waitForTimeout(1500); // the first diagnostics of the file (none) have arrived
  expect(!(await squiggleOnLine(QUALITY.defLine)), `a squiggle on "${QUALITY.defLine}" before the signature changed`);
  await quickInput('Control+G', `:${QUALITY.typeAt}`);
  await page.waitForTimeout(300);
  await page.keyboard.type(QUALITY.typed, { delay: 20 });
  await page.keyboard.press('Escape'); // any word suggestion
  const squiggled = await until(() => squiggleOnLine(QUALITY.defLine), 20000);
  expect(squiggled, `no squiggle on "${QUALITY.defLine}" after typing the parameter`);
  const listed = await until(async () => ((await problems())[path.basename(QUALITY.file)] ?? []).find((m) => m.includes(QUALITY.message)), 20000, 500);
  expect(listed, `the Problems panel does not list "${QUALITY.message}"`);
  await page.keyboard.press('Control+Shift+M'); // close the panel again, for the screenshot
  await page.locator('.tab', { hasText: path.basename(QUALITY.file) }).first().click();
  await quickInput('Control+G', `:${QUALITY.cursor}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+.');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: QUALITY.action });
  await action.first().waitFor({ timeout: 15000 });
  const offered = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map(norm).filter(Boolean);
  const focused = norm(await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => ''));
  await page.screenshot({ path: path.join(shots, 'quality.png') });
  expect(focused.includes(QUALITY.action), `the focused quick fix is "${focused}", not "${QUALITY.action}" (offered: ${offered.join(' | ')})`);
  await page.keyboard.press('Enter');
  const entry = await until(async () => (await editor().locator('.view-lines .view-line').allInnerTexts()).map(norm).find((l) => l.includes(QUALITY.entry)), 10000);
  expect(entry, `no "${QUALITY.entry}" line in the docstring`);
  const gone = await until(async () => !(await squiggleOnLine(QUALITY.defLine)), 20000);
  expect(gone, `the squiggle on "${QUALITY.defLine}" is still there`);
  const left = ((await problems())[path.basename(QUALITY.file)] ?? []).filter((m) => m.includes('DOC') || m.includes('docstring of'));
  expect(!left.length, `the Problems panel still lists ${left.join('; ')}`);
  return `squiggle on "${QUALITY.defLine}" and "${listed}" in Problems after typing; quick fixes offered: ${offered.join(' | ')}; focused "${focused}"; inserted "${entry}"; squiggle gone`;
});

/**
 * "Source Action..." -> "Add docstrings to 3 undocumented definitions": offered without its edit, which VS Code
 * asks for when it is picked (codeAction/resolve) -> geometry.py's squiggles and Problems entries go.
 */
const addAllScenario = () => check('source action add all', async () => {
  await page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => {});
  // Its tab from the first step (Quick Open may still list the cancel step's removed copies of the file).
  const tab = page.locator('.tab', { hasText: path.basename(ADD_ALL.file) });
  if (await tab.count()) await tab.first().click(); else await openFile(ADD_ALL.file);
  await page.locator('.tab.active', { hasText: path.basename(ADD_ALL.file) }).waitFor({ timeout: 10000 });
  const before = await until(async () => ((await problems())[path.basename(ADD_ALL.file)] ?? []).length === ADD_ALL.qualnames.length, 20000, 500);
  expect(before, `geometry.py does not list ${ADD_ALL.qualnames.length} problems before the action`);
  await page.locator('.tab', { hasText: path.basename(ADD_ALL.file) }).first().click();
  await quickInput('Control+Shift+P', `>${ADD_ALL.command}`, ADD_ALL.command);
  const action = page.locator('.action-widget .monaco-list-row', { hasText: ADD_ALL.action });
  await action.first().waitFor({ timeout: 15000 });
  const focused = norm(await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => ''));
  expect(focused.includes(ADD_ALL.action), `the focused source action is "${focused}", not "${ADD_ALL.action}"`);
  await page.keyboard.press('Enter');
  const cleared = await until(async () => ((await problems())[path.basename(ADD_ALL.file)] ?? []).length === 0, 20000, 500);
  const left = (await problems())[path.basename(ADD_ALL.file)] ?? [];
  expect(cleared, `the Problems panel still lists ${left.join('; ')}`);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.tab', { hasText: path.basename(ADD_ALL.file) }).first().click();
  await quickInput('Control+G', `:${ADD_ALL.goto}`);
  const shown = await until(async () => {
    const lines = (await editor().locator('.view-lines .view-line').allInnerTexts()).map(norm).filter((l) => l.includes('"""Summary of'));
    return lines.length > 0 ? lines : null;
  }, 10000);
  expect(shown, 'no stub summary lines in the editor around the first of them');
  await page.screenshot({ path: path.join(shots, 'add-all.png') });
  return `"${ADD_ALL.action}" picked from Source Action; ${ADD_ALL.qualnames.join(', ')} gone from Problems; stubs shown: ${shown.join(' | ')}`;
});

/** The scenarios, in order (each one leaves flags.py in front). Add new ones here. */
const SCENARIOS = [
  diagnosticsScenario, hoverScenario, statusBarScenario, notMeasuredScenario, cancelScenario, workspaceCommandScenario, sortScenario,
  quickFixScenario, liveViewScenario, reloadScenario, notebookScenario, qualityScenario, addAllScenario,
];
if (ready) for (const scenario of SCENARIOS) await scenario();

if (pageErrors.length) log(`page errors (not failures): ${pageErrors.slice(0, 3).map((e) => e.split('\n')[0]).join(' | ')}`);
await browser.close();
const failed = results.filter((r) => !r.ok);
log(`${results.length - failed.length}/${results.length} checks passed${failed.length ? `; FAILED: ${failed.map((r) => r.name).join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
