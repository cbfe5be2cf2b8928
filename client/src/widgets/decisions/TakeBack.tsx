import { Limits } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { DisclosureButton } from '../../components/DisclosureButton';
import { TextActionForm } from '../../components/TextActionForm';

interface TakeBackProps {
  /** Names the button `<testIdPrefix>-<targetId>` and its form `<testIdPrefix>-form-<targetId>`. */
  testIdPrefix: string;
  targetId: string;
  /** The unit, said to screen readers after the button's label. */
  unitName: string;
  isOpen: boolean;
  onToggle: () => void;
  /** The chair may decide now (the session sits). */
  mayDecide: boolean;
  canSend: boolean;
  onTextChange?: (text: string) => void;
  /** Sends the reason; resolves true once the server accepted it. */
  onSubmit: (reason: string) => Promise<boolean>;
}

/** "Take back…" beside a warning decision, and the form asking why: the reason goes in the minutes. */
export function TakeBack({
  testIdPrefix,
  targetId,
  unitName,
  isOpen,
  onToggle,
  mayDecide,
  canSend,
  onTextChange,
  onSubmit,
}: TakeBackProps) {
  const { t } = useTranslation();
  return (
    <>
      <DisclosureButton
        testId={`${testIdPrefix}-${targetId}`}
        isOpen={isOpen}
        disabled={!mayDecide}
        onToggle={onToggle}
        forReader={unitName}
      >
        {t('decisions.proposed.reconsider')}
      </DisclosureButton>
      {isOpen && (
        <TextActionForm
          testId={`${testIdPrefix}-form-${targetId}`}
          label={t('decisions.proposed.reconsiderReason')}
          submitLabel={t('decisions.proposed.confirmReconsider')}
          requiredMessage={t('decisions.proposed.reconsiderReasonMissing')}
          maxLength={Limits.textLength}
          isDisabled={!canSend}
          onTextChange={onTextChange}
          onCancel={onToggle}
          onSubmit={onSubmit}
        />
      )}
    </>
  );
}
