import { describe, expect, test, vi } from 'vitest';
import { watchForHangul } from './hangulFont';

/** Lets the mutation observer's callback run. */
const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

function rootWith(text: string): HTMLElement {
  const root = document.createElement('div');
  root.textContent = text;
  return root;
}

describe('watching for Hangul', () => {
  test('answers at once when the screen already shows some', () => {
    const onHangul = vi.fn();
    watchForHangul(rootWith('Eastfield Cement · 동부 시멘트'), onHangul);
    expect(onHangul).toHaveBeenCalledTimes(1);
  });

  test('answers once, when a criticism in Korean is added to an English screen', async () => {
    const root = rootWith('Criticism (0)');
    const onHangul = vi.fn();
    watchForHangul(root, onHangul);
    root.append(Object.assign(document.createElement('p'), { textContent: 'Cement is 35 % short.' }));
    await observed();
    expect(onHangul).not.toHaveBeenCalled();

    const card = document.createElement('li');
    card.append(Object.assign(document.createElement('p'), { textContent: '시멘트 생산 계획이 미달했습니다.' }));
    root.append(card);
    await observed();
    root.append(rootWith('또 하나'));
    await observed();
    expect(onHangul).toHaveBeenCalledTimes(1);
  });

  test('leaves aside a language named in its own script, as the language switch names 한국어', async () => {
    const root = rootWith('Language');
    const onHangul = vi.fn();
    watchForHangul(root, onHangul);
    const select = document.createElement('select');
    for (const [code, name] of [
      ['en', 'English'],
      ['ko', '한국어'],
    ] as const) {
      select.append(Object.assign(document.createElement('option'), { lang: code, textContent: name }));
    }
    root.append(select);
    await observed();
    expect(onHangul).not.toHaveBeenCalled();
    root.append(rootWith('김 위원'));
    await observed();
    expect(onHangul).toHaveBeenCalledTimes(1);
  });

  test('sees text that changes in place, and stops when told', async () => {
    const root = rootWith('Speaker: nobody');
    const onHangul = vi.fn();
    watchForHangul(root, onHangul);
    root.firstChild!.nodeValue = 'Speaker: 김 위원';
    await observed();
    expect(onHangul).toHaveBeenCalledTimes(1);

    const other = rootWith('');
    const otherHangul = vi.fn();
    const stop = watchForHangul(other, otherHangul);
    stop();
    other.textContent = '한글';
    await observed();
    expect(otherHangul).not.toHaveBeenCalled();
  });
});
