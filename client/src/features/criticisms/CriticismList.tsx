import { canIssue, Limits, type CriticismRuling, type CriticismState, type Participant } from '@plenum/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { ErrorNote } from '../../components/ErrorNote';
import { excerpt } from '../../lib/format';
import { rulings } from '../../lib/labels';
import { rulingText } from '../../lib/rulingText';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { TextActionForm } from '../../components/TextActionForm';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { useUiStore } from '../../stores/ui';
import { DirectiveForm } from '../directives/DirectiveForm';

interface CriticismListProps {
  itemId: string;
  /** No controls at all (the big screen). */
  readOnly?: boolean;
  /** Also list the criticisms the chair hid, marked as such (the chair's own view). */
  includeHidden?: boolean;
  /** Show only the first this many. */
  limit?: number;
  /** Newest first (default), or most endorsed first (the big screen). */
  order?: 'newest' | 'endorsements';
  size?: 'normal' | 'large';
}

interface EndorseButtonProps {
  criticism: CriticismState;
  you: Participant;
  authorName: string;
  isEndorsing: boolean;
  /** The session's state allows endorsing now. */
  isAllowedNow: boolean;
}

/** One endorsement per participant, never of one's own criticism. */
function EndorseButton({ criticism, you, authorName, isEndorsing, isAllowedNow }: EndorseButtonProps) {
  const { t } = useTranslation();
  const { run, error, dismissError } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const isOwn = criticism.authorId === you.id;
  const hasEndorsed = criticism.endorsedBy.includes(you.id);

  const handleClick = () => {
    void run({ type: 'criticism:endorse', payload: { criticismId: criticism.id } }, t('criticism.endorse.failed'));
  };

  const label = hasEndorsed
    ? t('criticism.endorse.done')
    : isEndorsing
      ? t('criticism.endorse.sending')
      : t('criticism.endorse.action');
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid={`endorse-${criticism.id}`}
        onClick={handleClick}
        disabled={isOwn || hasEndorsed || isEndorsing || !canSend || !isAllowedNow}
        aria-describedby={isOwn ? `${criticism.id}-own` : undefined}
      >
        {label}
        {!isOwn && <span className="visually-hidden"> {t('criticism.endorse.whose', { name: authorName })}</span>}
      </button>
      {isOwn && (
        <span className="endorse-note" id={`${criticism.id}-own`}>
          {t('criticism.endorse.own')}
        </span>
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </>
  );
}

/** The chair's ruling: upheld, dismissed or referred, with an optional note. */
function RulingForm({ criticism, onDone }: { criticism: CriticismState; onDone: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const { run, error, dismissError, isBusy } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [ruling, setRuling] = useState<CriticismRuling>(criticism.ruling?.ruling ?? 'upheld');
  const [note, setNote] = useState(criticism.ruling?.note ?? '');
  const [referredTo, setReferredTo] = useState(criticism.ruling?.referredTo ?? '');
  const [missing, setMissing] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const recipient = referredTo.trim();
    if (ruling === 'referred' && !recipient) {
      setMissing(t('criticism.rule.referredToMissing'));
      return;
    }
    setMissing(null);
    void run(
      {
        type: 'criticism:rule',
        payload: {
          criticismId: criticism.id,
          ruling,
          note: note.trim() || null,
          referredTo: ruling === 'referred' ? recipient : null,
        },
      },
      t('criticism.rule.failed'),
    ).then((ok) => {
      if (ok) onDone();
    });
  };

  return (
    <form className="inline-form" data-testid={`ruling-form-${criticism.id}`} onSubmit={handleSubmit}>
      <fieldset className="choice-group">
        <legend>{t('criticism.rule.legend')}</legend>
        {rulings.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${formId}-ruling`}
              value={value}
              checked={ruling === value}
              onChange={() => setRuling(value)}
            />
            {t(`labels.ruling.${value}`)}
          </label>
        ))}
      </fieldset>
      {ruling === 'referred' && (
        <div className="field">
          <label htmlFor={`${formId}-referred-to`}>{t('criticism.rule.referredTo')}</label>
          <input
            id={`${formId}-referred-to`}
            data-testid={`ruling-referred-to-${criticism.id}`}
            maxLength={Limits.nameLength}
            value={referredTo}
            onChange={(e) => setReferredTo(e.target.value)}
            aria-invalid={missing !== null}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${formId}-note`}>{t('criticism.rule.note')}</label>
        <textarea
          id={`${formId}-note`}
          rows={2}
          maxLength={Limits.textLength}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <ErrorNote message={missing ?? error} onDismiss={missing ? () => setMissing(null) : dismissError} />
      <div className="button-row">
        <button
          type="submit"
          className="button button--small button--primary"
          data-testid={`ruling-submit-${criticism.id}`}
          disabled={!canSend || isBusy}
        >
          {t('criticism.rule.submit')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type ChairPanel = 'rule' | 'hide' | 'directive';

/** What the chair does with a criticism: rule on it, hide it, or make a directive of it. */
function ChairCriticismActions({ criticism }: { criticism: CriticismState }) {
  const { t } = useTranslation();
  const sessionStatus = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError } = useCommand();
  const [open, setOpen] = useState<ChairPanel | null>(null);
  const setView = useUiStore((s) => s.setView);
  // A criticism made into a directive says so, instead of offering to make it again.
  const directive = useSessionStore((s) => {
    const directiveId = criticism.directiveIds[0];
    return directiveId === undefined ? null : (s.session.directives[directiveId] ?? null);
  });
  const panelId = useId();
  const mayRule = canIssue('chair', 'criticism:rule', sessionStatus);
  const mayDirect = canIssue('chair', 'directive:issue', sessionStatus);
  const toggle = (panel: ChairPanel) => setOpen((current) => (current === panel ? null : panel));
  const forReader = excerpt(criticism.text, 60);

  return (
    <div className="criticism__actions">
      <div className="button-row">
        <DisclosureButton
          testId={`rule-${criticism.id}`}
          isOpen={open === 'rule'}
          controls={panelId}
          disabled={!mayRule}
          onToggle={() => toggle('rule')}
          forReader={forReader}
        >
          {criticism.ruling ? t('criticism.rule.change') : t('criticism.rule.open')}
        </DisclosureButton>
        {!criticism.hidden && (
          <DisclosureButton
            testId={`hide-${criticism.id}`}
            isOpen={open === 'hide'}
            controls={panelId}
            disabled={!mayRule}
            onToggle={() => toggle('hide')}
            forReader={forReader}
          >
            {t('criticism.hide.open')}
          </DisclosureButton>
        )}
        {directive && (
          <span className="criticism__directive" data-testid={`directive-made-${criticism.id}`}>
            {t('criticism.directiveMade', { title: directive.title })}{' '}
            <button type="button" className="button button--small" onClick={() => setView('decisions')}>
              {t('criticism.seeDirective')}
            </button>
          </span>
        )}
        {criticism.unitId && !directive && (
          <DisclosureButton
            testId={`make-directive-${criticism.id}`}
            isOpen={open === 'directive'}
            controls={panelId}
            disabled={!mayDirect}
            onToggle={() => toggle('directive')}
            forReader={forReader}
          >
            {t('criticism.makeDirective')}
          </DisclosureButton>
        )}
      </div>
      <div id={panelId}>
        {open === 'rule' && <RulingForm criticism={criticism} onDone={() => setOpen(null)} />}
        {open === 'hide' && (
          <TextActionForm
            testId={`hide-form-${criticism.id}`}
            label={t('criticism.hide.reason')}
            submitLabel={t('criticism.hide.submit')}
            requiredMessage={t('criticism.hide.reasonMissing')}
            maxLength={Limits.textLength}
            isDisabled={!canSend}
            onCancel={() => setOpen(null)}
            onSubmit={async (reason) => {
              const ok = await run(
                { type: 'criticism:hide', payload: { criticismId: criticism.id, reason } },
                t('criticism.hide.failed'),
              );
              if (ok) setOpen(null);
              return ok;
            }}
          />
        )}
        {open === 'directive' && criticism.unitId && !directive && (
          <DirectiveForm
            initial={{
              kind: criticism.category === 'inflated-report' ? 'inspection' : 'explain-failure',
              assigneeUnitId: criticism.unitId,
              title: excerpt(criticism.text, 80),
              fromCriticismId: criticism.id,
              itemId: criticism.itemId,
            }}
            onDone={() => setOpen(null)}
          />
        )}
      </div>
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}

/** The presenter of the criticised unit answers it. */
function RespondControl({ criticism }: { criticism: CriticismState }) {
  const { t } = useTranslation();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const sessionStatus = useSessionStore((s) => s.session.status);
  const { run, error, dismissError } = useCommand();
  const [isOpen, setIsOpen] = useState(false);
  const mayRespond = canIssue('presenter', 'criticism:respond', sessionStatus);

  return (
    <div className="criticism__actions">
      {!isOpen && (
        <button
          type="button"
          className="button button--small"
          data-testid={`respond-${criticism.id}`}
          aria-expanded={false}
          disabled={!mayRespond}
          onClick={() => setIsOpen(true)}
        >
          {criticism.response ? t('criticism.respond.again') : t('criticism.respond.open')}
          <span className="visually-hidden">: {excerpt(criticism.text, 60)}</span>
        </button>
      )}
      {isOpen && (
        <TextActionForm
          testId={`respond-form-${criticism.id}`}
          label={t('criticism.respond.label')}
          submitLabel={t('criticism.respond.submit')}
          requiredMessage={t('criticism.respond.missing')}
          rows={3}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onCancel={() => setIsOpen(false)}
          onSubmit={async (text) => {
            const ok = await run(
              { type: 'criticism:respond', payload: { criticismId: criticism.id, text } },
              t('criticism.respond.failed'),
            );
            if (ok) setIsOpen(false);
            return ok;
          }}
        />
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}

/** Criticisms raised on an item, with the ones still being sent on top, greyed. */
export function CriticismList({
  itemId,
  readOnly = false,
  includeHidden = false,
  limit,
  order = 'newest',
  size = 'normal',
}: CriticismListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const you = useSessionStore((s) => s.you);
  const pendingById = usePendingStore((s) => s.byId);

  const criticisms = useMemo(() => {
    const list = sessionSelectors.criticismsOfItem(session, itemId, includeHidden);
    // Stable sort: among equals, the newest stays first.
    return order === 'endorsements' ? [...list].sort((a, b) => b.endorsedBy.length - a.endorsedBy.length) : list;
  }, [session, itemId, includeHidden, order]);
  const sending = useMemo(
    () => (readOnly ? [] : pendingSelectors.criticismsOfItem(pendingById, itemId)),
    [readOnly, pendingById, itemId],
  );
  const endorsing = useMemo(() => pendingSelectors.endorsingIds(pendingById), [pendingById]);
  // Hidden from a role that may never endorse; disabled while the session's state does not allow it.
  const mayEndorse = !readOnly && you !== null && canIssue(you.role, 'criticism:endorse');
  const mayEndorseNow = you !== null && canIssue(you.role, 'criticism:endorse', session.status);
  const isChair = !readOnly && you?.role === 'chair';

  const shown = limit === undefined ? criticisms : criticisms.slice(0, limit);
  const indicatorName = (criticism: CriticismState): string | null => {
    if (!criticism.indicatorId) return null;
    const report = sessionSelectors.reportOf(session, criticism.unitId);
    return report?.indicators.find((i) => i.id === criticism.indicatorId)?.name ?? null;
  };

  return (
    <section className={`panel criticisms criticisms--${size}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {order === 'endorsements' ? t('criticism.list.topHeading') : t('criticism.list.heading')}{' '}
        <span className="count">({format.figure(criticisms.length)})</span>
      </h2>
      {criticisms.length === 0 && sending.length === 0 && <p className="muted">{t('criticism.list.empty')}</p>}
      <ol className="criticism-list" data-testid="criticism-list">
        {sending.map(({ commandId, draft }) => (
          <li key={commandId} className="criticism criticism--pending" data-testid="criticism-pending" aria-busy="true">
            <p className="criticism__meta">
              <span className="tag">{t(`labels.category.${draft.category}`)}</span>
              <span className="tag" data-severity={draft.severity}>
                {t('criticism.severityTag', { severity: t(`labels.severity.${draft.severity}`) })}
              </span>
            </p>
            <p className="criticism__text">{draft.text}</p>
            <p className="criticism__byline">{t('common.sending')}</p>
          </li>
        ))}
        {shown.map((criticism) => {
          const authorName = sessionSelectors.participantName(session, criticism.authorId) ?? t('common.aParticipant');
          const isEndorsing = endorsing.has(criticism.id);
          const count = criticism.endorsedBy.length + (isEndorsing ? 1 : 0);
          const indicator = indicatorName(criticism);
          const isOwnUnit = you?.role === 'presenter' && you.unitId !== null && you.unitId === criticism.unitId;
          return (
            <li
              key={criticism.id}
              className={criticism.hidden ? 'criticism criticism--hidden' : 'criticism'}
              data-testid={`criticism-${criticism.id}`}
              data-severity={criticism.severity}
            >
              <p className="criticism__meta">
                <span className="tag">{t(`labels.category.${criticism.category}`)}</span>
                <span className="tag" data-severity={criticism.severity}>
                  {criticism.severity === 'high' && (
                    <span aria-hidden="true" className="severity-icon">
                      ▲{' '}
                    </span>
                  )}
                  {t('criticism.severityTag', { severity: t(`labels.severity.${criticism.severity}`) })}
                </span>
                {indicator && <span className="criticism__indicator">{t('criticism.onIndicator', { indicator })}</span>}
              </p>
              {criticism.hidden && (
                <p className="criticism__note">{t('criticism.hiddenNote', { reason: criticism.hidden.reason })}</p>
              )}
              <p className="criticism__text">{criticism.text}</p>
              {criticism.response && (
                <p className="criticism__response">
                  <span className="criticism__label">{t('criticism.response')}</span> {criticism.response.text}
                </p>
              )}
              {criticism.ruling && (
                <p className="criticism__ruling">
                  <span className="criticism__label">{t('criticism.ruling')}</span> {rulingText(t, criticism.ruling)}
                  {criticism.ruling.note && ` (${criticism.ruling.note})`}
                </p>
              )}
              {criticism.directiveIds.length > 0 && (
                <p className="criticism__directives">
                  <span className="criticism__label">{t('criticism.directivesMade')}</span>{' '}
                  {criticism.directiveIds.map((id) => session.directives[id]?.title ?? id).join('; ')}
                </p>
              )}
              <p className="criticism__byline">
                {authorName} · <time dateTime={criticism.postedAt}>{format.time(criticism.postedAt)}</time> ·{' '}
                <span className="criticism__endorsements" data-pending={isEndorsing}>
                  {t('criticism.endorsements', { count, formatted: format.figure(count) })}
                </span>
              </p>
              {mayEndorse && (
                <EndorseButton
                  criticism={criticism}
                  you={you}
                  authorName={authorName}
                  isEndorsing={isEndorsing}
                  isAllowedNow={mayEndorseNow}
                />
              )}
              {isChair && <ChairCriticismActions criticism={criticism} />}
              {!readOnly && isOwnUnit && <RespondControl criticism={criticism} />}
            </li>
          );
        })}
      </ol>
      {shown.length < criticisms.length && (
        <p className="muted">{t('criticism.list.more', { count: criticisms.length - shown.length })}</p>
      )}
    </section>
  );
}
