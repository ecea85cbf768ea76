// The library's grid from the keyboard: arrows move between cards by rows and columns as laid
// out on screen, Home/End go to the first/last card, PageUp/PageDown a screenful; Enter opens
// the focused card (it is a link).
(() => {
  'use strict';
  const cards = Array.from(document.querySelectorAll('.card'));
  if (cards.length === 0) return;

  /** Cards per row, as the grid is laid out now (it changes with the window's width). */
  const columns = () => {
    const top = cards[0].getBoundingClientRect().top;
    const inFirstRow = cards.findIndex((card) => card.getBoundingClientRect().top > top + 1);
    return inFirstRow < 0 ? cards.length : inFirstRow;
  };
  const rowsPerScreen = () => Math.max(1, Math.floor(window.innerHeight / cards[0].getBoundingClientRect().height));
  const current = () => Math.max(0, cards.indexOf(document.activeElement));

  const moves = {
    ArrowRight: (i) => i + 1,
    ArrowLeft: (i) => i - 1,
    ArrowDown: (i) => i + columns(),
    ArrowUp: (i) => i - columns(),
    PageDown: (i) => i + columns() * rowsPerScreen(),
    PageUp: (i) => i - columns() * rowsPerScreen(),
    Home: () => 0,
    End: () => cards.length - 1,
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const from = cards.includes(document.activeElement) ? current() : -1;
    const to = from < 0 ? 0 : Math.min(cards.length - 1, Math.max(0, move(from)));
    cards[to].focus();
    cards[to].scrollIntoView({ block: 'nearest' });
  });
})();
