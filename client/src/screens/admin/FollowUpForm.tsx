import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpLevels, type IssuedLink, type SessionSummary } from '@plenum/shared';
import { InputField } from '../../components/InputField';
import { SelectField } from '../../components/SelectField';
import { preparationHref, type AdminApi, adminWording } from './adminApi';
import { DayRows } from './DayRows';
import { checkFollowUp, followUpBody, initialFollowUp, type FollowUpDraft } from './followUpDraft';
import { IssuedLinkNotice } from './IssuedLinkNotice';
import { LoadFailed } from './LoadFailed';
import { todayIsoDate } from '../../lib/format';
import { useApiData } from '../../lib/useApiData';
import { useFormCheck } from '../../lib/useFormCheck';
import { FormFooter } from '../../components/FormFooter';

interface FollowUpFormProps {
  api: AdminApi;
  token: string;
  /** The closed review followed up. */
  session: SessionSummary;
  onClose: () => void;
  onConvened: () => void;
}

/** A threshold's input: a percentage, decimals allowed. */
const percentInput = { type: 'number', inputMode: 'decimal', min: 0, max: 100, step: 'any' } as const;

/**
 * The cascade in one step: a level of a closed review (a province, a ministry, a city, a county)
 * convenes its own follow-up for its units, with its days, its threshold and its chair; the
 * chair's link is shown once afterwards.
 */
export function FollowUpForm({ api, token, session, onClose, onConvened }: FollowUpFormProps) {
  const { t } = useTranslation();
  const units = useApiData(useCallback(() => api.sessionUnits(session.sessionId), [api, session.sessionId]));
  const [draft, setDraft] = useState<FollowUpDraft>(initialFollowUp);
  const { errors, refusal, check, refuse } = useFormCheck(adminWording);
  const [isBusy, setIsBusy] = useState(false);
  const [issued, setIssued] = useState<{ sessionId: string; title: string; chair: IssuedLink } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Opened from a row of the list below: the keyboard's place moves to the form.
  useEffect(() => headingRef.current?.focus(), []);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const levels = units.state === 'loaded' ? followUpLevels(units.data, session.organiserUnitId) : [];
  const level = levels.find((unit) => unit.id === draft.unitId) ?? null;
  const change = (update: Partial<FollowUpDraft>) => setDraft((current) => ({ ...current, ...update }));
  const chooseLevel = (unitId: string) => {
    const name = levels.find((unit) => unit.id === unitId)?.name ?? '';
    change({
      unitId,
      title: name === '' ? '' : t('admin.followUp.defaultTitle', { unit: name, title: session.title }),
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(checkFollowUp(draft, todayIsoDate()))) {
      setAttempt((n) => n + 1);
      return;
    }
    setIsBusy(true);
    api.conveneFollowUp(session.sessionId, followUpBody(draft)).then(
      (answer) => {
        setIsBusy(false);
        setIssued({ sessionId: answer.sessionId, title: draft.title, chair: answer.chair });
        onConvened();
      },
      (error: unknown) => {
        setIsBusy(false);
        refuse(error);
        setAttempt((n) => n + 1);
      },
    );
  };

  const headingId = `follow-up-heading-${session.sessionId}`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="follow-up">
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="panel__heading">
        {t('admin.followUp.heading', { title: session.title })}
      </h2>
      {issued ? (
        <IssuedLinkNotice
          heading={t('admin.followUp.chairLink', { name: issued.chair.participant.name, title: issued.title })}
          link={issued.chair.link}
          fileName={t('admin.followUp.chairLinkFile', { sessionId: issued.sessionId })}
          onDone={onClose}
          testId="follow-up-chair-link"
        >
          <p>
            <a href={preparationHref(issued.sessionId, token)}>
              {t('admin.sessions.open')}
              <span className="visually-hidden">: {issued.title}</span>
            </a>
          </p>
        </IssuedLinkNotice>
      ) : units.state === 'failed' ? (
        <LoadFailed error={units.error} onRetry={units.reload} />
      ) : (
        <form ref={formRef} noValidate onSubmit={submit}>
          <p className="muted">{t('admin.followUp.intro')}</p>
          {units.state === 'loaded' && levels.length === 0 && <p role="status">{t('admin.followUp.noLevel')}</p>}
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.session')}</legend>
            <div className="admin-form-grid">
              <SelectField
                id={`follow-up-level-${session.sessionId}`}
                label={t('admin.followUp.level')}
                value={draft.unitId}
                options={[
                  { value: '', label: t('admin.followUp.chooseLevel') },
                  ...levels.map((unit) => ({ value: unit.id, label: unit.name })),
                ]}
                onChange={chooseLevel}
                testId="follow-up-level"
              />
              <InputField
                label={t('admin.followUp.titleField')}
                value={draft.title}
                onChange={(title) => change({ title })}
                error={errors.title}
                testId="follow-up-title"
              />
            </div>
            {errors.unitId && <p className="field-error">{errors.unitId}</p>}
          </fieldset>
          <DayRows days={draft.days} onChange={(days) => change({ days })} errors={errors} />
          <fieldset className="admin-fieldset">
            <legend>{t('admin.convene.thresholds')}</legend>
            <InputField
              {...percentInput}
              label={t('admin.followUp.warningLevel')}
              hint={t('admin.followUp.warningLevelHint')}
              value={draft.warningPercent}
              onChange={(warningPercent) => change({ warningPercent })}
              error={errors.warningBelow}
              testId="follow-up-warning"
            />
          </fieldset>
          <fieldset className="admin-fieldset">
            <legend>{t('admin.followUp.chair')}</legend>
            <div className="admin-form-grid">
              <InputField
                label={t('admin.convene.chairName')}
                value={draft.chairName}
                onChange={(chairName) => change({ chairName })}
                error={errors.chairName}
                autoComplete="off"
                testId="follow-up-chair-name"
              />
              <InputField
                type="email"
                label={t('admin.convene.chairEmail')}
                hint={t('admin.optional')}
                value={draft.chairEmail}
                onChange={(chairEmail) => change({ chairEmail })}
                error={errors.chairEmail}
                autoComplete="off"
                testId="follow-up-chair-email"
              />
            </div>
          </fieldset>
          <FormFooter
            refusal={refusal}
            isBusy={isBusy}
            submitLabel={level ? t('admin.followUp.submit', { unit: level.name }) : t('admin.followUp.submitNoLevel')}
            isDisabled={units.state !== 'loaded'}
            onCancel={onClose}
            testId="follow-up-submit"
          />
        </form>
      )}
    </section>
  );
}
