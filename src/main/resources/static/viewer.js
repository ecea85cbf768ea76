// The slideshow: keys, clicks, swipes, auto-advance and preloading over the JSON API.
// Names are only ever set with textContent, never as HTML.
(() => {
  'use strict';
  const body = document.body;
  const stage = document.getElementById('stage');
  const info = document.getElementById('info');
  const playButton = document.getElementById('play');
  const help = document.getElementById('help');
  const MAX_DELAY = 86400;

  const state = {
    hash: body.dataset.hash,
    order: body.dataset.order === 'random' ? 'random' : 'next',
    delay: Math.max(0, parseFloat(body.dataset.delay) || 0),
    seed: body.dataset.seed,
    playing: false,
    entry: null,      // the JSON of /api/{hash} for what is shown
    upcoming: null,   // {hash, entry} fetched ahead for the next step forward
    timer: null,
    arming: 0,        // counts armTimer calls: only the latest may step
  };
  state.playing = state.delay > 0;

  const api = async (path) => {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    // The session ended (logout elsewhere, a new password): log in again and come back here.
    if (response.status === 401) location.assign('/login?next=' + encodeURIComponent(pageUrl()));
    if (!response.ok) throw new Error(path + ': ' + response.status);
    return response.json();
  };
  const dataUrl = (hash) => '/api/' + hash + '/data';
  const fileName = (entry) => entry.name.split('/').pop();
  // In random order, the seed names the shuffled sequence: the server gives next and prev in it.
  const query = () => '?order=' + state.order + '&delay=' + state.delay
    + (state.order === 'random' ? '&seed=' + state.seed : '');
  const entryUrl = (hash) => '/api/' + hash + (state.order === 'random' ? '?order=random&seed=' + state.seed : '');
  const pageUrl = () => '/' + state.hash + query();
  // The grid of the shown file's folder or archive, opened at it; its Escape and links come back with this order and delay.
  const gridUrl = () => '/browse/' + state.entry.containerHash + '?at=' + state.hash + '&' + query().slice(1);
  const kind = (mime) => mime.startsWith('image/') ? 'image'
    : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : 'file';

  function renderInfo() {
    const e = state.entry;
    document.getElementById('container').textContent = e ? e.container.split('/').join(' / ') : '';
    document.getElementById('name').textContent = e ? fileName(e) : '';
    document.getElementById('place').textContent = e ? e.containerPosition + '/' + e.containerFiles : '';
    document.getElementById('position').textContent = e ? e.position + '/' + e.total : '';
    document.getElementById('order').textContent = state.order;
    document.getElementById('delay').textContent = state.delay + ' s';
    playButton.textContent = state.playing ? '❚❚' : '▶';
    playButton.setAttribute('aria-label', state.playing ? 'pause' : 'play');
    if (e) {
      document.getElementById('prev').href = '/' + e.prev + query();
      document.getElementById('next').href = '/' + e.next + query();
      document.getElementById('grid').href = gridUrl();
      document.title = fileName(e);
    }
  }

  const GONE = 'This file is no longer on disk.';

  /** A file that cannot be shown: its name, why, and a download link when it is still there. */
  function fileCard(entry, message) {
    const card = document.createElement('div');
    card.className = 'file';
    const name = document.createElement('div');
    name.textContent = entry.name;
    card.append(name);
    if (message) {
      const why = document.createElement('p');
      why.className = 'why';
      why.textContent = message;
      card.append(why);
    }
    if (message !== GONE) {
      const link = document.createElement('a');
      link.href = dataUrl(entry.hash);
      link.download = fileName(entry);
      link.textContent = 'download';
      card.append(link);
    }
    card.id = 'media';
    return card;
  }
  /** An image or clip that failed to load: gone from disk (404), or there but not displayable. */
  async function explainFailure(entry) {
    let status = 0;
    try {
      status = (await fetch(dataUrl(entry.hash), { method: 'HEAD' })).status;
    } catch (err) {
      // the server is unreachable: say what can be said
    }
    if (state.hash !== entry.hash) return;
    stage.replaceChildren(fileCard(entry, status === 404 ? GONE : 'This file cannot be shown here.'));
  }

  function renderMedia(entry) {
    const type = kind(entry.mime);
    if (type === 'file') {
      const card = fileCard(entry, null);
      stage.replaceChildren(card);
      return card;
    }
    const element = document.createElement(type === 'image' ? 'img' : type);
    if (type === 'image') {
      element.alt = entry.name;
    } else {
      element.controls = true;
    }
    element.id = 'media';
    element.addEventListener('error', () => explainFailure(entry), { once: true });
    element.src = dataUrl(entry.hash);
    stage.replaceChildren(element);
    if (type !== 'image') startPlaying(element);
    return element;
  }

  /** Plays a clip; where the browser blocks sound without a click, muted, until a click unmutes it. */
  function startPlaying(element) {
    element.play().catch(() => {
      element.muted = true;
      element.play().then(() => {
        hint('muted: click to unmute');
        element.addEventListener('click', () => { element.muted = false; }, { once: true });
      }, () => {});
    });
  }

  /**
   * Arms the slideshow's step once the file is ready to look at, so slow images get their full
   * delay; a clip is left to play out if it is longer than the delay.
   */
  function armTimer(element) {
    clearTimeout(state.timer);
    state.timer = null;
    if (!state.playing || state.delay <= 0) return;
    const shownHash = state.hash;
    // Armed again (a pause and a resume), the earlier arming's listeners must not step too.
    const arming = ++state.arming;
    const stillShown = () => state.hash === shownHash && state.playing && state.arming === arming;
    const start = () => {
      if (!stillShown()) return;
      clearTimeout(state.timer);
      state.timer = setTimeout(() => forward(), state.delay * 1000);
    };
    if (element.tagName === 'IMG') {
      element.decode().then(start, start);
    } else if (element.tagName === 'VIDEO' || element.tagName === 'AUDIO') {
      let delayOver = false;
      let clipOver = element.ended || element.error !== null;
      const both = () => { if (delayOver && clipOver && stillShown()) forward(); };
      element.addEventListener('ended', () => { clipOver = true; both(); }, { once: true });
      element.addEventListener('error', () => { clipOver = true; both(); }, { once: true });
      state.timer = setTimeout(() => { delayOver = true; both(); }, state.delay * 1000);
    } else {
      start();
    }
  }

  /** A word on what a key did, shown briefly even when the info line is hidden. */
  let hintTimer = null;
  function hint(text) {
    const box = document.getElementById('hint');
    box.textContent = text;
    box.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(() => { box.hidden = true; }, 1500);
  }

  async function preload() {
    const e = state.entry;
    if (!e) return;
    try {
      const hash = e.next;
      const entry = await api(entryUrl(hash));
      if (state.entry !== e) return;
      state.upcoming = { hash, entry };
      if (kind(entry.mime) === 'image') {
        const image = new Image();
        image.src = dataUrl(hash);
        image.decode().catch(() => {});
      }
    } catch (err) {
      state.upcoming = null;
    }
  }

  async function show(hash, how, known) {
    const entry = known || await api(entryUrl(hash));
    state.hash = hash;
    state.entry = entry;
    state.upcoming = null;
    if (how === 'push') history.pushState({ hash }, '', pageUrl());
    else history.replaceState({ hash }, '', pageUrl());
    const element = renderMedia(entry);
    renderInfo();
    armTimer(element);
    preload();
  }

  // A key pressed before the shown file's neighbours are known waits for them.
  function forward() {
    if (!state.entry) return loaded.then(() => state.entry && forward());
    const up = state.upcoming;
    if (up) return show(up.hash, 'push', up.entry);
    return show(state.entry.next, 'push');
  }

  function backward() {
    if (!state.entry) return loaded.then(() => state.entry && backward());
    return show(state.entry.prev, 'push');
  }

  function setDelay(delay) {
    state.delay = Math.max(0, Math.min(MAX_DELAY, Math.round(delay * 1000) / 1000));
    if (state.delay === 0) state.playing = false;
    history.replaceState({ hash: state.hash }, '', pageUrl());
    renderInfo();
    hint(state.delay > 0 ? 'every ' + state.delay + ' s' : 'stopped');
    armTimer(document.getElementById('media'));
  }

  function togglePlay() {
    state.playing = !state.playing;
    if (state.playing && state.delay === 0) state.delay = 5;
    history.replaceState({ hash: state.hash }, '', pageUrl());
    renderInfo();
    hint(state.playing ? 'playing, every ' + state.delay + ' s' : 'paused');
    armTimer(document.getElementById('media'));
  }

  /** The neighbours change with the order: the shown file's are asked for again. */
  async function toggleOrder() {
    state.order = state.order === 'next' ? 'random' : 'next';
    history.replaceState({ hash: state.hash }, '', pageUrl());
    state.upcoming = null;
    renderInfo();
    hint(state.order === 'random' ? 'random order' : 'natural order');
    const shown = state.hash;
    const entry = await api(entryUrl(shown));
    if (state.hash !== shown) return;
    state.entry = entry;
    renderInfo();
    preload();
  }

  const keys = {
    ArrowLeft: backward, h: backward, H: backward,
    ArrowRight: forward, l: forward, L: forward,
    ' ': togglePlay,
    '+': () => setDelay(state.delay + 1), '=': () => setDelay(state.delay + 1),
    j: () => setDelay(state.delay + 1), J: () => setDelay(state.delay + 1),
    '-': () => setDelay(state.delay - 1), k: () => setDelay(state.delay - 1), K: () => setDelay(state.delay - 1),
    o: toggleOrder, O: toggleOrder,
    i: () => { info.hidden = !info.hidden; }, I: () => { info.hidden = !info.hidden; },
    f: toggleFullscreen, F: toggleFullscreen,
    g: openGrid, G: openGrid,
    '?': toggleHelp,
  };

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else document.documentElement.requestFullscreen().catch(() => hint('fullscreen is not allowed here'));
  }

  function openGrid() {
    if (state.entry) location.assign(gridUrl());
  }

  function toggleHelp() {
    help.hidden = !help.hidden;
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!help.hidden && event.key !== '?') {
      help.hidden = true;
      event.preventDefault();
      return;
    }
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    if (document.activeElement && document.activeElement !== body) document.activeElement.blur();
    action();
  });

  const click = (id, action) => document.getElementById(id).addEventListener('click', (event) => {
    event.preventDefault();
    event.currentTarget.blur();
    action();
  });
  click('prev', backward);
  click('next', forward);
  click('play', togglePlay);
  click('help-button', toggleHelp);
  help.addEventListener('click', () => { help.hidden = true; });

  stage.addEventListener('click', (event) => {
    const media = document.getElementById('media');
    if (!media || media.tagName !== 'IMG' || event.target !== media) return;
    (event.clientX < window.innerWidth / 2 ? backward : forward)();
  });

  let touchX = null;
  stage.addEventListener('touchstart', (event) => { touchX = event.changedTouches[0].clientX; }, { passive: true });
  stage.addEventListener('touchend', (event) => {
    if (touchX === null) return;
    const dx = event.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 50) (dx < 0 ? forward : backward)();
  }, { passive: true });

  window.addEventListener('popstate', (event) => {
    const hash = (event.state && event.state.hash) || location.pathname.slice(1);
    if (/^[0-9a-f]{64}$/.test(hash)) show(hash, 'replace');
  });

  const loaded = show(state.hash, 'replace').catch(() => {});
})();
