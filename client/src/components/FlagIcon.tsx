import './FlagIcon.css';

/** The warning sign beside a flag or a figure under the threshold; the words beside it say what it means. */
export function FlagIcon() {
  return (
    <span className="flag-icon" aria-hidden="true">
      ⚠
    </span>
  );
}
