// The slideshow: keys, clicks, swipes, auto-advance and preloading over the JSON API.
// Names are only ever set with textContent, never as HTML.
(() => {
  'use strict';
  const body = document.body;
  const stage = document.getElementById('stage');
  const info = document.getElementById('info');
  const playButton = document.getElementById('play');
  const MAX_DELAY = 86400;

  const state = {
    hash: body.dataset.hash,
    order: body.dataset.order === 'random' ? 'random' : 'next',
    delay: Math.max(0, parseInt(body.dataset.delay, 10) || 0),
    playing: false,
    entry: null,      // the JSON of /api/{hash} for what is shown
    upcoming: null,   // {hash, entry} fetched ahead for the next step forward
    timer: null,
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
  const pageUrl = () => '/' + state.hash + '?order=' + state.order + '&delay=' + state.delay;
  const kind = (mime) => mime.startsWith('image/') ? 'image'
    : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio' : 'file';

  function renderInfo() {
    const e = state.entry;
    document.getElementById('name').textContent = e ? e.name : '';
    document.getElementById('position').textContent = e ? e.position + '/' + e.total : '';
    document.getElementById('order').textContent = state.order;
    document.getElementById('delay').textContent = state.delay + ' s';
    playButton.textContent = state.playing ? '❚❚' : '▶';
    playButton.setAttribute('aria-label', state.playing ? 'pause' : 'play');
    if (e) {
      document.getElementById('prev').href = '/' + e.prev + '?order=' + state.order + '&delay=' + state.delay;
      document.getElementById('next').href = '/' + e.next + '?order=' + state.order + '&delay=' + state.delay;
      document.title = e.name;
    }
  }

  function renderMedia(entry) {
    const type = kind(entry.mime);
    let element;
    if (type === 'image') {
      element = document.createElement('img');
      element.alt = entry.name;
    } else if (type === 'video' || type === 'audio') {
      element = document.createElement(type);
      element.controls = true;
      element.autoplay = true;
    } else {
      element = document.createElement('div');
      element.className = 'file';
      const name = document.createElement('div');
      name.textContent = entry.name;
      const link = document.createElement('a');
      link.href = dataUrl(entry.hash);
      link.download = entry.name.split('/').pop();
      link.textContent = 'download';
      element.append(name, link);
    }
    element.id = 'media';
    if (type !== 'file') element.src = dataUrl(entry.hash);
    stage.replaceChildren(element);
    return element;
  }

  /** Starts the countdown once the file is ready to look at, so slow images get their full delay. */
  function armTimer(element) {
    clearTimeout(state.timer);
    state.timer = null;
    if (!state.playing || state.delay <= 0) return;
    const shownHash = state.hash;
    const start = () => {
      if (state.hash !== shownHash || !state.playing) return;
      clearTimeout(state.timer);
      state.timer = setTimeout(() => forward(), state.delay * 1000);
    };
    if (element.tagName === 'IMG') {
      element.decode().then(start, start);
    } else if (element.tagName === 'VIDEO' || element.tagName === 'AUDIO') {
      element.addEventListener('loadeddata', start, { once: true });
      element.addEventListener('error', start, { once: true });
    } else {
      start();
    }
  }

  // A slideshow in random order should not show the same file twice in a row (with a
  // handful of files that happens often); an index of one file gets it back, after a few tries.
  async function randomOtherThan(hash) {
    let pick = (await api('/api/random')).hash;
    for (let tries = 1; pick === hash && tries < 5; tries++) {
      pick = (await api('/api/random')).hash;
    }
    return pick;
  }

  async function preload() {
    const e = state.entry;
    if (!e) return;
    try {
      const hash = state.order === 'random' ? await randomOtherThan(state.hash) : e.next;
      const entry = await api('/api/' + hash);
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
    const entry = known || await api('/api/' + hash);
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

  function forward() {
    const up = state.upcoming;
    if (up) return show(up.hash, 'push', up.entry);
    if (state.order === 'random') return randomOtherThan(state.hash).then((hash) => show(hash, 'push'));
    if (state.entry) return show(state.entry.next, 'push');
  }

  function backward() {
    if (state.entry) return show(state.entry.prev, 'push');
  }

  function setDelay(delay) {
    state.delay = Math.max(0, Math.min(MAX_DELAY, delay));
    if (state.delay === 0) state.playing = false;
    history.replaceState({ hash: state.hash }, '', pageUrl());
    renderInfo();
    armTimer(document.getElementById('media'));
  }

  function togglePlay() {
    state.playing = !state.playing;
    if (state.playing && state.delay === 0) state.delay = 5;
    history.replaceState({ hash: state.hash }, '', pageUrl());
    renderInfo();
    armTimer(document.getElementById('media'));
  }

  function toggleOrder() {
    state.order = state.order === 'next' ? 'random' : 'next';
    history.replaceState({ hash: state.hash }, '', pageUrl());
    renderInfo();
    state.upcoming = null;
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
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
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

  show(state.hash, 'replace').catch(() => {});
})();
