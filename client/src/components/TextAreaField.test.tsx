import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { changeLanguage } from '../i18n';
import { TextActionForm } from './TextActionForm';
import { TextAreaField } from './TextAreaField';

function Field({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return <TextAreaField label="Criticism" testId="text" maxLength={4000} value={value} onChange={setValue} />;
}

const words = (length: number) => 'kiln '.repeat(Math.ceil(length / 5)).slice(0, length - 1) + '.';

describe('a long text field', () => {
  test('holds a paste past its limit whole, and says by how much to shorten it', () => {
    render(<Field />);
    const field = screen.getByTestId('text');
    // The browser's maxlength would keep the first 4,000 characters and drop the rest unsaid.
    expect(field).not.toHaveAttribute('maxlength');
    const pasted = words(7800);
    fireEvent.change(field, { target: { value: pasted } });
    expect(field).toHaveValue(pasted);
    expect(screen.getByTestId('text-count')).toHaveTextContent('7,800 / 4,000');
    expect(screen.getByTestId('text-too-long')).toHaveTextContent(
      'At most 4,000 characters fit: shorten the text by 3,800.',
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('At most 4,000 characters fit: shorten the text by 3,800.');
  });

  test('counts from 90 % of the limit, and tells screen readers once as it nears and passes it', () => {
    render(<Field />);
    const field = screen.getByTestId('text');
    const live = () => document.querySelector('[aria-live="polite"]');
    fireEvent.change(field, { target: { value: words(3500) } });
    expect(screen.queryByTestId('text-count')).toBeNull();
    expect(live()).toHaveTextContent(/^$/);

    fireEvent.change(field, { target: { value: words(3950) } });
    expect(screen.getByTestId('text-count')).toHaveTextContent('3,950 / 4,000');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(live()).toHaveTextContent('Near the limit: at most 4,000 characters fit.');

    fireEvent.change(field, { target: { value: words(4001) } });
    expect(live()).toHaveTextContent('Longer than the 4,000 characters that fit');
  });

  test('counts in the reader’s language', async () => {
    render(<Field initial={words(4100)} />);
    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('text-too-long')).toHaveTextContent('4,000자까지만 쓸 수 있습니다. 100자를 줄이십시오.');
  });

  test('a short form refuses to send a text past its limit, names the limit and keeps the text', async () => {
    const onSubmit = vi.fn(() => true);
    render(<TextActionForm label="Reason" submitLabel="Send" maxLength={4000} onSubmit={onSubmit} testId="reason" />);
    const field = screen.getByLabelText('Reason');
    fireEvent.change(field, { target: { value: words(4200) } });
    fireEvent.click(screen.getByTestId('reason-submit'));
    await act(async () => {});
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('At most 4,000 characters fit: shorten the text by 200.');
    expect(field).toHaveValue(words(4200));
    expect(document.activeElement).toBe(field);

    fireEvent.change(field, { target: { value: words(4000) } });
    fireEvent.click(screen.getByTestId('reason-submit'));
    await act(async () => {});
    expect(onSubmit).toHaveBeenCalledWith(words(4000));
  });
});
