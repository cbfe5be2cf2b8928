import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedLink, OrganisationUnit, SessionSummary } from '@plenum/shared';
import { apiErrorText } from '../../api/apiErrorText';
import { InputField } from '../../components/InputField';
import { SelectField } from '../../components/SelectField';
import { adminWording, preparationHref, type AdminApi } from './adminApi';
import { checkDraft, conveneBody, initialDraft, withPrevious, type ConveneDraft } from './conveneDraft';
import { DayRows } from './DayRows';
import { InviteAgainField } from './InviteAgainField';
import { IssuedLinkNotice } from './IssuedLinkNotice';
import { latestFirst } from './periods';
import { todayIsoDate } from '../../lib/format';
import { useFormCheck } from '../../lib/useFormCheck';
import { FormFooter } from '../../components/FormFooter';

interface ConveneFormProps {
  api: AdminApi;
  token: string;
  organisationId: string;
  topUnit: OrganisationUnit | null;
  sessions: readonly SessionSummary[];
  isOpen: boolean;
  onOpen: () => void;
  onClose: () => void;
  onConvened: () => void;
}

/** The fields the form shows an error beside; a refusal of any other is said above the buttons. */
const formFields =
  /^(title|organisation|period|days(\.\d+\.(date|title|startTime|plannedEnd))?|warningBelow|reportingGap|conferenceLink|previousSessionId|chairName|chairEmail)$/;

/** A threshold's input: a percentage, decimals allowed. */
const percentInput = { type: 'number', inputMode: 'decimal', min: 0, max: 100, step: 'any' } as const;

/** The draft's fields that are typed as text. */
type TextKey = { [K in keyof ConveneDraft]: ConveneDraft[K] extends string ? K : never }[keyof ConveneDraft];

/**
 * Convenes a review session: what it is, its days, thresholds and call, the session it follows
 * up (whose agenda it proposes), and its chair, whose link is shown once afterwards.
 */
export function ConveneForm(props: ConveneFormProps) {
  const { api, token, organisationId, topUnit, sessions, isOpen, onOpen, onClose, onConvened } = props;
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConveneDraft>(() => initialDraft(sessions, topUnit, new Date()));
  const { errors, refusal, setRefusal, check, refuse, clear } = useFormCheck(adminWording);
  const [isBusy, setIsBusy] = useState(false);
  const [issued, setIssued] = useState<{
    sessionId: string;
    title: string;
    chair: IssuedLink;
    invitedAgain: number | null;
  } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a refused submit, the first field to change takes the focus.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const change = (update: Partial<ConveneDraft>) => setDraft((current) => ({ ...current, ...update }));
  /** A text field of the draft: its value, its change, and the error shown beside it (by `errorKey`). */
  const textField = (key: TextKey, errorKey: string = key) => ({
    value: draft[key],
    onChange: (value: string) => change({ [key]: value }),
    error: errors[errorKey],
  });

  const open = () => {
    setDraft(initialDraft(sessions, topUnit, new Date()));
    clear();
    setIssued(null);
    onOpen();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(checkDraft(draft, organisationId, todayIsoDate()))) {
      setAttempt((n) => n + 1);
      return;
    }
    setIsBusy(true);
    api.convene(conveneBody(draft, organisationId)).then(
      (answer) => {
        setIsBusy(false);
        setIssued({
          sessionId: answer.sessionId,
          title: draft.title,
          chair: answer.chair,
          invitedAgain: answer.invitedAgain?.invited.length ?? null,
        });
        onClose();
        onConvened();
      },
      (error: unknown) => {
        setIsBusy(false);
        const others = Object.entries(refuse(error)).filter(([key]) => !formFields.test(key));
        setRefusal(
          [
            apiErrorText(error, adminWording),
            ...others.map(([key, message]) => t('refusal.field', { field: key, detail: message })),
          ].join(' '),
        );
        setAttempt((n) => n + 1);
      },
    );
  };

  const previousOptions = [
    { value: '', label: t('admin.convene.noPrevious') },
    ...latestFirst(sessions).map((session) => ({
      value: session.sessionId,
      label: t('admin.convene.previousOption', {
        title: session.title,
        period: session.period,
        status: t(`labels.sessionStatus.${session.status}`),
      }),
    })),
  ];
  // What carries over is taken at convening: from a session still going, only what it decided so far.
  const previous = sessions.find((session) => session.sessionId === draft.previousSessionId);
  const samePeriod = sessions.find((session) => session.period === draft.period.trim());

  return (
    <section className="panel" aria-labelledby="admin-convene-heading" data-testid="convene">
      <div className="admin-section-head">
        <h2 id="admin-convene-heading" className="panel__heading">
          {t('admin.convene.heading')}
        </h2>
        {!isOpen && (
          <button type="button" className="button button--primary" data-testid="convene-open" onClick={open}>
            {t('admin.convene.open')}
          </button>
        )}
      </div>
      {issued && (
        <IssuedLinkNotice
          heading={t('admin.convene.chairLink', { name: issued.chair.participant.name, title: issued.title })}
          link={issued.chair.link}
          fileName={t('admin.convene.chairLinkFile', { sessionId: issued.sessionId })}
          onDone={() => setIssued(null)}
          testId="chair-link"
        >
          {issued.invitedAgain !== null && (
            <p data-testid="convene-invited-again">{t('admin.convene.invitedAgain', { count: issued.invitedAgain })}</p>
          )}
          <p>
            <a href={preparationHref(issued.sessionId, token)} data-testid="chair-link-prepare">
              {t('admin.sessions.open')}
              <span className="visually-hidden">: {issued.title}</span>
            </a>
          </p>
        </IssuedLinkNotice>
      )}
      {isOpen && (
        <form ref={formRef} noValidate onSubmit={submit}>
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.session')}</legend>
            <div className="admin-form-grid">
              <InputField label={t('admin.convene.title')} {...textField('title')} testId="convene-title" />
              <InputField
                label={t('admin.convene.organisation')}
                {...textField('organisation')}
                testId="convene-organisation"
              />
              <InputField
                label={t('admin.convene.period')}
                hint={t('admin.convene.periodHint')}
                {...textField('period')}
                testId="convene-period"
              />
              <InputField
                type="url"
                label={t('admin.convene.conferenceLink')}
                hint={t('admin.convene.conferenceLinkHint')}
                {...textField('conferenceLink')}
                testId="convene-conference-link"
              />
            </div>
            {samePeriod && (
              <p className="flag" role="status" data-testid="convene-same-period">
                {t('admin.convene.samePeriod', { period: samePeriod.period, title: samePeriod.title })}
              </p>
            )}
          </fieldset>
          <DayRows days={draft.days} onChange={(days) => change({ days })} errors={errors} />
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.thresholds')}</legend>
            <div className="admin-form-grid">
              <InputField
                {...percentInput}
                label={t('admin.convene.warningLevel')}
                hint={t('admin.convene.warningLevelHint')}
                {...textField('warningPercent', 'warningBelow')}
                testId="convene-warning"
              />
              <InputField
                {...percentInput}
                label={t('admin.convene.gapLevel')}
                hint={t('admin.convene.gapLevelHint')}
                {...textField('gapPercent', 'reportingGap')}
                testId="convene-gap"
              />
            </div>
          </fieldset>
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.previous')}</legend>
            <SelectField
              id="convene-previous"
              label={t('admin.convene.previousSession')}
              value={draft.previousSessionId}
              options={previousOptions}
              onChange={(previousSessionId) =>
                setDraft((current) => withPrevious(current, sessions, previousSessionId))
              }
              testId="convene-previous"
            />
            {errors.previousSessionId && <p className="field-error">{errors.previousSessionId}</p>}
            {previous && previous.status !== 'closed' && (
              <p className="flag" role="status" data-testid="convene-previous-open">
                {t('admin.convene.previousNotClosed', {
                  period: previous.period,
                  status: t(`labels.sessionStatus.${previous.status}`),
                })}
              </p>
            )}
            <label className="admin-check">
              <input
                type="checkbox"
                checked={draft.proposeAgenda && draft.previousSessionId !== ''}
                disabled={draft.previousSessionId === ''}
                data-testid="convene-propose"
                onChange={(e) => change({ proposeAgenda: e.target.checked })}
              />
              {t('admin.convene.proposeAgenda')}
            </label>
            <InviteAgainField
              api={api}
              organisationId={organisationId}
              previousSessionId={draft.previousSessionId}
              checked={draft.inviteAgain}
              onChange={(inviteAgain) => change({ inviteAgain })}
            />
          </fieldset>
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.chair')}</legend>
            <div className="admin-form-grid">
              <InputField
                label={t('admin.convene.chairName')}
                {...textField('chairName')}
                autoComplete="off"
                testId="convene-chair-name"
              />
              <InputField
                type="email"
                label={t('admin.convene.chairEmail')}
                hint={t('admin.optional')}
                {...textField('chairEmail')}
                autoComplete="off"
                testId="convene-chair-email"
              />
            </div>
          </fieldset>
          <FormFooter
            refusal={refusal}
            isBusy={isBusy}
            submitLabel={t('admin.convene.submit')}
            onCancel={onClose}
            testId="convene-submit"
          />
        </form>
      )}
    </section>
  );
}
