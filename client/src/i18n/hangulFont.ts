/** Hangul syllables and jamo: text a machine without a CJK font draws as empty boxes. */
export const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/**
 * The Korean font shipped with the client, two weights. Each is split by unicode-range, so the
 * browser fetches only the subsets holding the characters on screen.
 */
export function loadHangulFont(): Promise<unknown> {
  return Promise.all([import('@fontsource/noto-sans-kr/400.css'), import('@fontsource/noto-sans-kr/700.css')]);
}

/**
 * Whether text under an element that declares a language of its own: the language switch's
 * "한국어", which names the language in its own script and needs no font fetched on every visit.
 */
function inOwnLanguage(text: Node): boolean {
  const owner = text.parentElement?.closest('[lang]');
  return owner !== null && owner !== undefined && owner !== text.ownerDocument?.documentElement;
}

/** Whether `node`, or text under it, shows Hangul outside an element in a language of its own. */
function showsHangul(node: Node): boolean {
  if (!hangul.test(node.textContent ?? '')) return false;
  if (node.nodeType === Node.TEXT_NODE) return !inOwnLanguage(node);
  const walker = (node.ownerDocument ?? document).createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
    if (hangul.test(text.nodeValue ?? '') && !inOwnLanguage(text)) return true;
  }
  return false;
}

/**
 * Watches `root` until Hangul first shows in it, in whatever language the screen is in: a unit,
 * a person or a criticism named or written in Korean on an English screen. Then `onHangul` runs
 * once and the watch ends. Returns the way to end it sooner. On a screen that never shows Hangul
 * the watch stays on, reading the text of what each batch of changes adds: on a chair's console,
 * 1–17 ms in all (a loaded machine) while 150 criticisms came in one by one, and 1–7 ms of the
 * 100–530 ms of script that re-rendering its floor with them (70,000 characters) took.
 */
export function watchForHangul(root: Node, onHangul: () => void): () => void {
  if (showsHangul(root)) {
    onHangul();
    return () => {};
  }
  const observer = new MutationObserver((records) => {
    const shown = records.some((record) =>
      record.type === 'characterData' ? showsHangul(record.target) : [...record.addedNodes].some(showsHangul),
    );
    if (!shown) return;
    observer.disconnect();
    onHangul();
  });
  observer.observe(root, { childList: true, characterData: true, subtree: true });
  return () => observer.disconnect();
}

/**
 * Draws Hangul on any screen with the shipped font once some shows: loads the font and marks the
 * document (`data-hangul`), which sets the font as a Korean screen does (styles.css), so a machine
 * without a CJK font still reads Korean names and criticisms on an English screen.
 */
export function drawHangulWhenShown(root: Node = document.body): () => void {
  return watchForHangul(root, () => {
    document.documentElement.dataset.hangul = 'shown';
    void loadHangulFont();
  });
}
