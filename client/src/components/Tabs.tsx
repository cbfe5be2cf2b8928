import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './Tabs.css';

export interface TabDefinition<TId extends string> {
  id: TId;
  label: ReactNode;
}

interface TabsProps<TId extends string> {
  tabs: readonly TabDefinition<TId>[];
  selected: TId;
  onSelect: (id: TId) => void;
  label: string;
  /** Prefix of the tab and panel ids, unique on the page. */
  idPrefix: string;
  /**
   * How the tabs sit on a phone: `scroll` (the default), in one row that scrolls sideways within
   * itself, leaving the first screen to the panel; `wrap`, in as many rows as they need, every tab
   * in view (for a few tabs with long names).
   */
  phoneLayout?: 'scroll' | 'wrap';
  children: ReactNode;
}

/**
 * Tabs as the WAI-ARIA pattern has them: one tab stop, arrow keys (and Home/End) move between
 * tabs and select them, and the panel is labelled by its tab.
 */
export function Tabs<TId extends string>({
  tabs,
  selected,
  onSelect,
  label,
  idPrefix,
  phoneLayout = 'scroll',
  children,
}: TabsProps<TId>) {
  const refs = useRef(new Map<TId, HTMLButtonElement>());

  // Where the row scrolls sideways (a phone), the selected tab is brought into it; the page stays put.
  useEffect(() => {
    const tab = refs.current.get(selected);
    const list = tab?.parentElement;
    if (!tab || !list || list.scrollWidth <= list.clientWidth) return;
    const isInView =
      tab.offsetLeft >= list.scrollLeft && tab.offsetLeft + tab.offsetWidth <= list.scrollLeft + list.clientWidth;
    if (!isInView) list.scrollLeft = tab.offsetLeft - (list.clientWidth - tab.offsetWidth) / 2;
  }, [selected]);

  const handleKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const last = tabs.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const next = tabs[target];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={label} className={phoneLayout === 'wrap' ? 'tabs tabs--wrap' : 'tabs'}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) refs.current.set(tab.id, element);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            data-testid={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => onSelect(tab.id)}
            onKeyDown={handleKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${selected}`}
        className="tabs__panel"
      >
        {children}
      </div>
    </>
  );
}
