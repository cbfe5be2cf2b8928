import { isItemOver, type AgendaItemState, type SessionState } from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/TextAreaField';
import { itemTitle, topicIn } from '../../lib/itemTitle';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { forgetDraft, loadDraft, type DraftPlace } from './criticismDraft';
import './UnsentDrafts.css';

interface UnsentDraftsProps {
  /**
   * Takes the text into the form of the item on the floor; without it (no item to criticise)
   * discarding is the only way offered, and the notes stand in a panel of their own.
   */
  onCarry?: (text: string) => void;
}

/**
 * The items whose criticism form is gone, closed or deferred, in agenda order. A closed item may
 * be reopened: its form, with the draft in it, then comes back.
 */
function formlessItems(state: SessionState): AgendaItemState[] {
  return state.agendaOrder.flatMap((id) => {
    const item = state.agenda[id];
    return item && isItemOver(item.status) ? [item] : [];
  });
}

interface Unsent {
  place: DraftPlace;
  item: AgendaItemState;
  text: string;
}

/**
 * The criticisms this participant began on items that closed (or were deferred) before they
 * were posted. The form goes with its item, but its draft stays kept on this device: each is
 * shown here until the official discards it or carries it into the form of the item on the
 * floor, so no typed text is lost, or kept out of reach, without their choosing.
 */
export function UnsentDrafts({ onCarry }: UnsentDraftsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const participantId = useSessionStore((s) => s.you?.id ?? '');
  // The same array while no item closes, is deferred or reopens (a timer event changes only the
  // item on the floor), so storage is read when one does, not on every change of the agenda.
  const items = useSessionState(formlessItems);
  // Drafts live in storage, which tells React nothing: a discard or a carry reads them again.
  const [revision, setRevision] = useState(0);

  const unsent = useMemo(() => {
    void revision;
    const found: Unsent[] = [];
    if (!participantId) return found;
    for (const item of items) {
      const place: DraftPlace = { sessionId, participantId, itemId: item.id };
      const { text } = loadDraft(place);
      if (text.trim()) found.push({ place, item, text });
    }
    return found;
  }, [items, sessionId, participantId, revision]);

  if (unsent.length === 0) return null;

  const settle = ({ place }: Unsent) => {
    forgetDraft(place);
    setRevision((n) => n + 1);
  };
  const notes = unsent.map((draft) => (
    <UnsentNote
      key={draft.item.id}
      draft={draft}
      onDiscard={() => settle(draft)}
      onCarry={
        onCarry &&
        (() => {
          onCarry(draft.text);
          settle(draft);
        })
      }
    />
  ));
  if (onCarry) return <>{notes}</>;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {t('criticism.unsent.heading')}
      </h2>
      {notes}
    </section>
  );
}

interface UnsentNoteProps {
  draft: Unsent;
  onDiscard: () => void;
  onCarry: (() => void) | undefined;
}

function UnsentNote({ draft, onDiscard, onCarry }: UnsentNoteProps) {
  const { t } = useTranslation();
  const { item, text } = draft;
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, item.unitId));
  const title = itemTitle(topicIn(t, item), unitName);
  return (
    <div className="unsent-draft" data-testid={`unsent-draft-${item.id}`}>
      <p className="unsent-draft__what">
        {t(item.status === 'deferred' ? 'criticism.unsent.deferred' : 'criticism.unsent.closed', { title })}{' '}
        {t('criticism.unsent.kept')}
      </p>
      {/* Read-only, not hidden in a paragraph: it can be selected whole and copied, on a phone too. */}
      <TextAreaField label={t('criticism.unsent.text')} rows={3} value={text} readOnly onChange={() => undefined} />
      <div className="button-row">
        {onCarry && (
          <button type="button" className="button button--primary" onClick={onCarry}>
            {t('criticism.unsent.carry')}
          </button>
        )}
        <button type="button" className="button" onClick={onDiscard}>
          {t('criticism.unsent.discard')}
        </button>
      </div>
    </div>
  );
}
