import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../i18n';
import { InputField } from './InputField';

function Field({ initial = '', error }: { initial?: string; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <InputField
      label="Title"
      hint="As the agenda shows it"
      testId="title"
      maxLength={200}
      value={value}
      onChange={setValue}
      error={error}
    />
  );
}

const words = (length: number) => 'kiln '.repeat(Math.ceil(length / 5)).slice(0, length - 1) + '.';

describe('a one-line field with a limit', () => {
  test('holds a paste past its limit whole, and says by how much to shorten it', () => {
    render(<Field />);
    const field = screen.getByTestId('title');
    // The browser's maxlength would keep the first 200 characters and drop the rest unsaid.
    expect(field).not.toHaveAttribute('maxlength');
    const pasted = words(450);
    fireEvent.change(field, { target: { value: pasted } });
    expect(field).toHaveValue(pasted);
    expect(screen.getByTestId('title-count')).toHaveTextContent('450 / 200');
    expect(screen.getByTestId('title-too-long')).toHaveTextContent(
      'At most 200 characters fit: shorten the text by 250.',
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'As the agenda shows it At most 200 characters fit: shorten the text by 250.',
    );
  });

  test('counts from 90 % of the limit, and tells screen readers once as it nears and passes it', () => {
    render(<Field />);
    const field = screen.getByTestId('title');
    const live = () => document.querySelector('[aria-live="polite"]');
    fireEvent.change(field, { target: { value: words(150) } });
    expect(screen.queryByTestId('title-count')).toBeNull();
    expect(live()).toHaveTextContent(/^$/);

    fireEvent.change(field, { target: { value: words(190) } });
    expect(screen.getByTestId('title-count')).toHaveTextContent('190 / 200');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(live()).toHaveTextContent('Near the limit: at most 200 characters fit.');

    fireEvent.change(field, { target: { value: words(201) } });
    expect(live()).toHaveTextContent('Longer than the 200 characters that fit');
  });

  test('says how much to shorten once when its error, from a refused send, says it already', () => {
    render(<Field initial={words(230)} error="At most 200 characters fit: shorten the text by 30." />);
    expect(screen.getByTestId('title-error')).toHaveTextContent('shorten the text by 30');
    expect(screen.queryByTestId('title-too-long')).toBeNull();
    expect(screen.getByTestId('title')).toHaveAccessibleDescription(
      'As the agenda shows it At most 200 characters fit: shorten the text by 30.',
    );
  });

  test('counts in the reader’s language', async () => {
    render(<Field initial={words(300)} />);
    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('title-too-long')).toHaveTextContent('200자까지만 쓸 수 있습니다. 100자를 줄이십시오.');
  });
});
