import './Kbd.css';

/** A keyboard key shown on a control; screen readers hear it through `aria-keyshortcuts` instead. */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {children}
    </kbd>
  );
}
