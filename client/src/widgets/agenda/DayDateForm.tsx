import type { SessionDay } from '@plenum/shared';
import type { ComponentProps } from 'react';
import { useDayDateCheck } from '../../lib/useDayDateCheck';
import { DateForm } from './DateForm';

type DayDateFormProps = { day: SessionDay } & Omit<ComponentProps<typeof DateForm>, 'checkDate'>;

/** A day's new date, checked against the neighbouring days before it is sent, as on the Prepare screen. */
export function DayDateForm({ day, ...form }: DayDateFormProps) {
  const checkDate = useDayDateCheck(day);
  return <DateForm {...form} checkDate={checkDate} />;
}
