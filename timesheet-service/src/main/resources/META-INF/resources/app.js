// The timesheet page: plain DOM and fetch against the service's own API, with the session cookie.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { user: null, selected: null, timer: null, editing: null, tick: null, searchSeq: 0 };

async function api(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: { 'X-Timesheet-Page': '1', 'Accept': 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401 && path !== '/api/session') {
    showLogin();
    throw new Error('Please log in again.');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
  }
  return data;
}

function say(text, ok) {
  const box = $('message');
  box.textContent = text;
  box.className = ok ? 'ok' : '';
  box.hidden = !text;
  if (ok) setTimeout(() => { if (box.textContent === text) box.hidden = true; }, 4000);
}

// ---- times ----------------------------------------------------------------------------------------------------
const pad = (n) => String(n).padStart(2, '0');
function isoLocal(d) {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes())
    + ':' + pad(d.getSeconds()) + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
}
const dateInput = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
const timeInput = (d) => pad(d.getHours()) + ':' + pad(d.getMinutes());
function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
}
function startOfDay(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
function startOfWeek(d) {
  const day = startOfDay(d);
  const back = (day.getDay() + 6) % 7; // weeks start on Monday
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - back);
}
function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }

// ---- session --------------------------------------------------------------------------------------------------
function showLogin() {
  state.user = null;
  stopTicking();
  $('app').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  $('email').focus();
}

async function showApp(user) {
  state.user = user;
  $('user-name').textContent = user.name + (user.role === 'admin' ? ' (admin)' : '');
  $('login').hidden = true;
  $('who').hidden = false;
  $('app').hidden = false;
  $('entry-date').value = dateInput(new Date());
  await Promise.all([loadTimer(), loadEntries()]);
  $('search').focus();
}

async function login(event) {
  event.preventDefault();
  try {
    const user = await api('POST', '/api/session', { email: $('email').value, password: $('password').value });
    $('password').value = '';
    say('');
    await showApp(user);
  } catch (e) {
    say(e.message);
  }
}

async function logout() {
  await api('DELETE', '/api/session').catch(() => null);
  say('');
  showLogin();
}

// ---- search ---------------------------------------------------------------------------------------------------
async function search() {
  const term = $('search').value.trim();
  const seq = ++state.searchSeq;
  const list = $('results');
  if (!term) { list.replaceChildren(); return; }
  try {
    const tasks = await api('GET', '/api/tasks?limit=20&search=' + encodeURIComponent(term));
    if (seq !== state.searchSeq) return; // a newer search is under way
    list.replaceChildren(...tasks.map((task) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'result';
      button.dataset.taskId = task.id;
      const name = document.createElement('span');
      name.textContent = (task.tracker_id && task.kind === 'story' ? '#' + task.tracker_id + ' ' : '') + task.name
        + (task.current_state ? ' · ' + task.current_state : '');
      const path = document.createElement('span');
      path.className = 'path';
      path.textContent = task.path;
      button.append(name, path);
      button.addEventListener('click', () => pick(task));
      li.append(button);
      return li;
    }));
    if (!tasks.length) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No open task you are assigned to matches "' + term + '".';
      list.replaceChildren(li);
    }
  } catch (e) {
    say(e.message);
  }
}

function pick(task) {
  state.selected = task;
  const name = document.createElement('div');
  name.textContent = (task.kind === 'story' && task.tracker_id ? '#' + task.tracker_id + ' ' : '') + task.name;
  const path = document.createElement('div');
  path.className = 'task-path';
  path.textContent = task.path.substring(0, task.path.length - task.name.length).replace(/ \/ $/, '');
  $('selected').replaceChildren(name, path);
  $('selected').classList.remove('muted');
  if (!state.editing) $('form-task').textContent = task.path;
  $('results').replaceChildren();
  $('search').value = '';
  $('start').disabled = false;
}

// ---- timer ----------------------------------------------------------------------------------------------------
async function loadTimer() {
  state.timer = await api('GET', '/api/timer');
  renderTimer();
}

function renderTimer() {
  const timer = state.timer;
  $('stop').hidden = !timer;
  $('start').textContent = timer ? 'Switch' : 'Start';
  $('clock').classList.toggle('running', !!timer);
  stopTicking();
  if (timer) {
    $('running').textContent = 'Running on ' + timer.task_path + (timer.note ? ' — ' + timer.note : '');
    const started = Date.parse(timer.started_at);
    const draw = () => { $('clock').textContent = clock((Date.now() - started) / 1000); };
    draw();
    state.tick = setInterval(draw, 1000);
  } else {
    $('running').textContent = '';
    $('clock').textContent = '0:00:00';
  }
}

function stopTicking() {
  if (state.tick) clearInterval(state.tick);
  state.tick = null;
}

async function start() {
  if (!state.selected) { say('Pick a story first: type part of its name or its id in the search box.'); return; }
  try {
    const started = await api('POST', '/api/timer/start', { task_id: state.selected.id, note: $('note').value || null });
    state.timer = started.timer;
    renderTimer();
    $('note').value = '';
    if (started.stopped) await loadEntries();
  } catch (e) {
    say(e.message);
  }
}

async function stop() {
  try {
    const entry = await api('POST', '/api/timer/stop');
    state.timer = null;
    renderTimer();
    say('Tracked ' + clock(entry.duration_seconds) + ' on ' + entry.task_name + '.', true);
    await loadEntries();
  } catch (e) {
    say(e.message);
    await loadTimer();
  }
}

// ---- entries --------------------------------------------------------------------------------------------------
async function loadEntries() {
  const now = new Date();
  const monday = startOfWeek(now);
  const entries = await api('GET', '/api/entries?from=' + encodeURIComponent(isoLocal(monday)) + '&to='
    + encodeURIComponent(isoLocal(addDays(monday, 7))));
  const today = startOfDay(now).getTime();
  const tomorrow = addDays(startOfDay(now), 1).getTime();
  const todays = entries.filter((e) => { const t = Date.parse(e.start); return t >= today && t < tomorrow; });
  render($('today'), todays, false);
  $('today-total').textContent = clock(todays.reduce((s, e) => s + e.duration_seconds, 0));
  $('today-empty').hidden = todays.length > 0;
  render($('week'), entries, true);
  $('week-total').textContent = clock(entries.reduce((s, e) => s + e.duration_seconds, 0));
  $('week-empty').hidden = entries.length > 0;
}

function render(table, entries, byDay) {
  const body = table.tBodies[0];
  const rows = [];
  let day = null;
  for (const entry of entries) {
    const start = new Date(entry.start);
    const end = new Date(entry.end);
    if (byDay && start.toDateString() !== day) {
      day = start.toDateString();
      const dayTotal = entries.filter((e) => new Date(e.start).toDateString() === day).reduce((s, e) => s + e.duration_seconds, 0);
      const tr = document.createElement('tr');
      tr.className = 'day';
      tr.innerHTML = '<td colspan="3"></td><td class="duration"></td><td></td>';
      tr.cells[0].textContent = start.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'short' });
      tr.cells[1].textContent = clock(dayTotal);
      rows.push(tr);
    }
    const tr = document.createElement('tr');
    tr.className = 'entry';
    tr.dataset.entryId = entry.id;
    tr.innerHTML = '<td class="time"></td><td class="task"><div class="task-name"></div><div class="task-path"></div></td>'
      + '<td class="note muted"></td><td class="duration"></td><td class="actions"></td>';
    tr.cells[0].textContent = timeInput(start) + '–' + timeInput(end);
    tr.querySelector('.task-name').textContent = entry.task_name;
    if (entry.task_archived) {
      const mark = document.createElement('span');
      mark.className = 'archived';
      mark.textContent = 'archived';
      tr.querySelector('.task-name').append(mark);
    }
    tr.querySelector('.task-path').textContent = entry.task_path;
    tr.cells[2].textContent = entry.note || '';
    tr.cells[3].textContent = clock(entry.duration_seconds);
    const edit = document.createElement('button');
    edit.type = 'button'; edit.className = 'link edit'; edit.textContent = 'Edit';
    edit.addEventListener('click', () => beginEdit(entry));
    const del = document.createElement('button');
    del.type = 'button'; del.className = 'link delete'; del.textContent = 'Delete';
    del.addEventListener('click', () => remove(entry));
    tr.cells[4].append(edit, del);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
}

function beginEdit(entry) {
  state.editing = entry;
  const start = new Date(entry.start);
  $('form-title').textContent = 'Edit entry';
  $('form-task').textContent = entry.task_path;
  $('entry-date').value = dateInput(start);
  $('entry-start').value = timeInput(start);
  $('entry-end').value = timeInput(new Date(entry.end));
  $('entry-note').value = entry.note || '';
  $('entry-billable').checked = entry.billable;
  entry.shown = [$('entry-date').value, $('entry-start').value, $('entry-end').value].join(' ');
  $('entry-save').textContent = 'Save';
  $('entry-cancel').hidden = false;
  $('entry-start').focus();
}

function endEdit() {
  state.editing = null;
  $('form-title').textContent = 'Add an entry';
  $('form-task').textContent = state.selected ? state.selected.path : 'the task picked above';
  $('entry-save').textContent = 'Add';
  $('entry-cancel').hidden = true;
  $('entry-note').value = '';
  $('entry-start').value = '';
  $('entry-end').value = '';
}

async function save(event) {
  event.preventDefault();
  const [y, mo, d] = $('entry-date').value.split('-').map(Number);
  const [sh, sm] = $('entry-start').value.split(':').map(Number);
  const [eh, em] = $('entry-end').value.split(':').map(Number);
  const start = new Date(y, mo - 1, d, sh, sm);
  let end = new Date(y, mo - 1, d, eh, em);
  if (end <= start) end = addDays(end, 1); // 22:00–01:00 runs past midnight
  const body = { start: isoLocal(start), end: isoLocal(end), note: $('entry-note').value, billable: $('entry-billable').checked };
  if (state.editing && state.editing.shown === [$('entry-date').value, $('entry-start').value, $('entry-end').value].join(' ')) {
    // times untouched: keep them to the second rather than to the minute the form shows
    delete body.start;
    delete body.end;
  }
  try {
    if (state.editing) {
      await api('PATCH', '/api/entries/' + state.editing.id, body);
      say('Entry saved.', true);
    } else {
      if (!state.selected) { say('Pick a story first: type part of its name or its id in the search box.'); return; }
      body.task_id = state.selected.id;
      await api('POST', '/api/entries', body);
      say('Entry added.', true);
    }
    endEdit();
    await loadEntries();
  } catch (e) {
    say(e.message);
  }
}

async function remove(entry) {
  if (!confirm('Delete ' + clock(entry.duration_seconds) + ' on "' + entry.task_name + '"?')) return;
  try {
    await api('DELETE', '/api/entries/' + entry.id);
    if (state.editing && state.editing.id === entry.id) endEdit();
    say('Entry deleted.', true);
    await loadEntries();
  } catch (e) {
    say(e.message);
  }
}

async function forceSync() {
  $('sync').disabled = true;
  try {
    const answer = await api('POST', '/api/sync', {});
    say('Synchronization requested for integration ' + answer.integration_ids.join(', ') + '; changes arrive within seconds.', true);
    setTimeout(loadEntries, 5000);
  } catch (e) {
    say(e.message);
  } finally {
    $('sync').disabled = false;
  }
}

// ---- wiring ---------------------------------------------------------------------------------------------------
let searchDelay = null;
document.addEventListener('DOMContentLoaded', async () => {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('sync').addEventListener('click', forceSync);
  $('search').addEventListener('input', () => { clearTimeout(searchDelay); searchDelay = setTimeout(search, 200); });
  $('search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); const first = document.querySelector('#results .result'); if (first) first.click(); }
  });
  $('start').addEventListener('click', start);
  $('stop').addEventListener('click', stop);
  $('entry-form').addEventListener('submit', save);
  $('entry-cancel').addEventListener('click', endEdit);
  try {
    const me = await api('GET', '/api/me');
    await showApp(me);
  } catch (e) {
    showLogin();
  }
});
