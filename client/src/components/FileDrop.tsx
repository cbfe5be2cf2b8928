import { useId, useState, type DragEvent } from 'react';
import './FileDrop.css';

interface FileDropProps {
  /** The file input's label, e.g. "Choose a file". */
  label: string;
  /** Said under the label: which files, and that one can be dropped here. */
  hint: string;
  /** The file types offered by the picker, as the `accept` attribute has them. */
  accept: string;
  onFile: (file: File) => void;
  disabled?: boolean;
  testId?: string;
}

/** A file picker that also takes a file dropped on it; the picker is the keyboard's way in. */
export function FileDrop({ label, hint, accept, onFile, disabled = false, testId }: FileDropProps) {
  const id = useId();
  const [isOver, setIsOver] = useState(false);

  const handleDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={isOver ? 'file-drop file-drop--over' : 'file-drop'}
      data-testid={testId && `${testId}-zone`}
      onDragOver={(event) => {
        event.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={handleDrop}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          // The same file chosen again (after fixing it) is a new choice.
          event.target.value = '';
        }}
      />
      <span id={`${id}-hint`} className="muted">
        {hint}
      </span>
    </div>
  );
}
