// The library's and a folder's grids from the keyboard, and a folder's files loaded as the grid
// scrolls. Arrows move between cards and tiles as they are laid out on screen, Home/End go to the
// first/last of all the folder's files (loading them if need be), PageUp/PageDown a screenful;
// Enter opens the focused one (it is a link); Escape goes back to the viewer the grid was opened
// from, or up one folder (from a source's page, to the library). Names are only ever set with textContent, never as HTML.
(() => {
  'use strict';
  const body = document.body;
  const grid = document.getElementById('files');
  const PAGE = 120;
  const total = Number(body.dataset.files || 0);
  const suffix = body.dataset.query ? '?' + body.dataset.query : '';
  // The window of the folder's files in the grid: [first, end).
  let first = Number(body.dataset.first || 0);
  let end = grid ? first + grid.querySelectorAll('.tile').length : 0;
  let loading = null;

  const items = () => Array.from(document.querySelectorAll('.card, .tile'));

  function tile(file, index) {
    const link = document.createElement('a');
    link.className = 'tile';
    link.dataset.index = index;
    link.href = '/' + file.hash + suffix;
    const img = document.createElement('img');
    img.src = '/api/' + file.hash + '/thumb';
    img.alt = '';
    img.loading = 'lazy';
    img.width = 160;
    img.height = 160;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = file.name;
    link.append(img, name);
    return link;
  }

  async function fetchPage(from) {
    const response = await fetch('/api/browse/' + body.dataset.hash + '?offset=' + from + '&limit=' + PAGE,
      { headers: { Accept: 'application/json' } });
    if (response.status === 401) location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    if (!response.ok) throw new Error('files: ' + response.status);
    return (await response.json()).files;
  }

  /** One more page after the window, or before it (the browser keeps what is on screen in place). */
  function extend(after) {
    if (loading || (after ? end >= total : first <= 0)) return loading;
    const from = after ? end : Math.max(0, first - PAGE);
    loading = fetchPage(from).then((files) => {
      const tiles = files.map((file, i) => tile(file, from + i));
      if (after) {
        bottom.before(...tiles);
        end = from + files.length;
      } else {
        top.after(...tiles);
        first = from;
      }
    }).finally(() => { loading = null; });
    return loading;
  }

  /** The grid anew around the index-th file: Home and End in a folder too large to hold at once. */
  async function reopenAt(index) {
    await loading;
    const from = Math.floor(index / PAGE) * PAGE;
    // Held as the load under way, so that no page is added meanwhile to the window it replaces.
    loading = fetchPage(from).then((files) => {
      grid.querySelectorAll('.tile').forEach((t) => t.remove());
      bottom.before(...files.map((file, i) => tile(file, from + i)));
      first = from;
      end = from + files.length;
    }).finally(() => { loading = null; });
    return loading;
  }

  let top = null;
  let bottom = null;
  if (grid && total > 0) {
    top = document.createElement('div');
    bottom = document.createElement('div');
    top.className = bottom.className = 'more';
    grid.prepend(top);
    grid.append(bottom);
    const seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        // Observed anew once a page came, so that an edge still in sight (a tall screen) asks for one more.
        if (entry.isIntersecting) extend(entry.target === bottom).then(() => {
          seen.unobserve(entry.target);
          seen.observe(entry.target);
        }, () => {});
      }
    }, { rootMargin: '600px 0px' });
    seen.observe(top);
    seen.observe(bottom);
  }

  function focus(item) {
    if (!item) return;
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }

  // From the viewer: its file, marked and in view.
  if (body.dataset.at) {
    const at = Array.from(document.querySelectorAll('.tile')).find((t) => t.getAttribute('href').startsWith('/' + body.dataset.at));
    if (at) {
      at.classList.add('at');
      at.focus({ preventScroll: true });
      at.scrollIntoView({ block: 'center' });
    }
  }

  /** The item on the next row up or down, nearest in its column, as laid out now. */
  function vertical(item, down) {
    const from = item.getBoundingClientRect();
    const x = from.left + from.width / 2;
    let best = null;
    let bestRow = null;
    let bestDx = Infinity;
    for (const other of items()) {
      const r = other.getBoundingClientRect();
      const beyond = down ? r.top >= from.bottom - 1 : r.bottom <= from.top + 1;
      if (!beyond) continue;
      const row = r.top;
      const closerRow = bestRow === null || (down ? row < bestRow - 1 : row > bestRow + 1);
      const sameRow = bestRow !== null && Math.abs(row - bestRow) <= 1;
      const dx = Math.abs(r.left + r.width / 2 - x);
      if (closerRow || (sameRow && dx < bestDx)) {
        best = other;
        bestRow = row;
        bestDx = dx;
      }
    }
    return best;
  }

  function page(item, down) {
    const height = item.getBoundingClientRect().height || 1;
    let at = item;
    for (let rows = Math.max(1, Math.floor(window.innerHeight / height) - 1); rows > 0; rows--) {
      const next = vertical(at, down);
      if (!next) break;
      at = next;
    }
    return at;
  }

  async function home() {
    if (first > 0) await reopenAt(0);
    focus(items()[0]);
  }

  async function last() {
    if (grid && end < total) await reopenAt(total - 1);
    const all = items();
    focus(all[all.length - 1]);
  }

  function escape() {
    if (body.dataset.at) {
      location.assign('/' + body.dataset.at + suffix);
      return;
    }
    // Up one folder; the library page has nothing above it.
    const up = document.querySelectorAll('.trail a');
    if (up.length > 0) location.assign(up[up.length - 1].getAttribute('href'));
  }

  /** A move from the focused item, and which way more files may have to come for it. */
  const moves = {
    ArrowRight: [(i, all) => all[all.indexOf(i) + 1], true],
    ArrowLeft: [(i, all) => all[all.indexOf(i) - 1], false],
    ArrowDown: [(i) => vertical(i, true), true],
    ArrowUp: [(i) => vertical(i, false), false],
    PageDown: [(i) => page(i, true), true],
    PageUp: [(i) => page(i, false), false],
  };

  async function move(key) {
    const [step, forward] = moves[key];
    const all = items();
    if (all.length === 0) return;
    const current = all.includes(document.activeElement) ? document.activeElement : null;
    if (!current) {
      focus(all[0]);
      return;
    }
    let to = step(current, all);
    // At the edge of the files loaded so far: the next page first.
    if ((!to || to === current) && grid && (forward ? end < total : first > 0)) {
      await extend(forward);
      to = step(current, items());
    }
    focus(to || current);
  }

  const actions = { Escape: escape, Home: home, End: last };
  Object.keys(moves).forEach((key) => { actions[key] = () => move(key); });

  // One key at a time, in order: a move may wait for a page of files.
  let queue = Promise.resolve();
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    queue = queue.then(action).catch(() => {});
  });
})();
