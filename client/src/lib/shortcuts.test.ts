import { describe, expect, test } from 'vitest';
import { isTypingTarget, shortcutKey } from './shortcuts';

function keyDown(init: KeyboardEventInit, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('shortcut keys', () => {
  test('a letter is its shortcut, upper case', () => {
    expect(shortcutKey(keyDown({ key: 's' }))).toBe('S');
    expect(shortcutKey(keyDown({ key: 'S', shiftKey: true }))).toBe('S');
  });

  test('another layout or an input method gives the physical key', () => {
    expect(shortcutKey(keyDown({ key: 'ㄴ', code: 'KeyS' }))).toBe('S');
  });

  test('modifiers, repeats and non-letters are not shortcuts', () => {
    expect(shortcutKey(keyDown({ key: 's', ctrlKey: true }))).toBeNull();
    expect(shortcutKey(keyDown({ key: 's', metaKey: true }))).toBeNull();
    expect(shortcutKey(keyDown({ key: 's', repeat: true }))).toBeNull();
    expect(shortcutKey(keyDown({ key: 'Enter', code: 'Enter' }))).toBeNull();
  });

  test('typing in a field is never a shortcut; a checkbox or a button does not type', () => {
    const field = (html: string) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      return host.firstElementChild!;
    };
    expect(isTypingTarget(field('<input type="text">'))).toBe(true);
    expect(isTypingTarget(field('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(field('<select></select>'))).toBe(true);
    expect(isTypingTarget(field('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(field('<button></button>'))).toBe(false);
    expect(shortcutKey(keyDown({ key: 's' }, field('<input type="search">')))).toBeNull();
  });

  test('rehearsal 5: keys pressed in a modal dialog answer the dialog, not the page', () => {
    const host = document.createElement('div');
    host.innerHTML =
      '<div role="alertdialog" aria-modal="true"><button>Close the item</button></div><button>C</button>';
    const [inDialog, outside] = Array.from(host.querySelectorAll('button'));
    expect(shortcutKey(keyDown({ key: 'a' }, inDialog))).toBeNull();
    expect(shortcutKey(keyDown({ key: 'a' }, outside))).toBe('A');
  });
});
