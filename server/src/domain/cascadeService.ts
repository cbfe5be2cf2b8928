import {
  cascadeOf,
  cascadeUnits,
  carriedRecord,
  followUpLevels,
  isDirectiveOpen,
  newEvent,
  pendingRelays,
  type Issue,
  type NewEvent,
  type NotificationLanguage,
  type PendingRelay,
  type SessionDay,
  type SessionEvent,
  type SessionState,
  type Thresholds,
} from '@plenum/shared';
import type { CommandService } from './commandService.js';
import { DomainError } from './errors.js';
import type { Clock, IdGenerator } from './ports.js';
import { proposedTopic } from './agendaWords.js';
import { refuseConveneDays } from './conveneDays.js';
import { AgendaDraft, opening, systemActor, type IssuedInvitation, type SessionService } from './sessionService.js';
import type { SessionDirectory } from './sessionDirectory.js';

/** A level's follow-up of a higher closed review (see `CascadeBodySchema` in the shared REST contract). */
export interface CascadeRequest {
  /** The level (a province, a ministry, a city, a county) that convenes its follow-up. */
  unitId: string;
  title: string;
  days: SessionDay[];
  /** The level's own threshold for its warnings to its workplaces. */
  thresholds: Thresholds;
  conferenceLink: string | null;
  chairName: string;
  chairEmail: string | null;
  /** The language of the agenda items it words; default `en`. */
  language?: NotificationLanguage;
}

export interface CascadeServiceDeps {
  commands: CommandService;
  sessions: SessionService;
  clock: Clock;
  ids: IdGenerator;
  /** Told of events appended outside a socket command, so open screens get them live. */
  published: (sessionId: string, events: readonly SessionEvent[]) => void;
  /** Every review session's digest, oldest first: to find those a review carried into. */
  directory: Pick<SessionDirectory, 'digests'>;
}

/** The unit's name in the session, else its id. */
function unitName(state: SessionState, unitId: string): string {
  return state.units[unitId]?.name ?? unitId;
}

/** The higher session, refused unless it is a closed review holding the level. */
function cascadeSource(upper: SessionState, fromSessionId: string, unitId: string): void {
  if (!upper.definition) throw new DomainError('NOT_FOUND', `There is no review session ${fromSessionId}.`);
  if (upper.status !== 'closed') {
    throw new DomainError('CONFLICT', 'A follow-up is convened from a closed review: close this session first.');
  }
  const unit = upper.units[unitId];
  if (!unit) {
    throw new DomainError('NOT_FOUND', `There is no organisation unit ${unitId} in this session.`, [
      { path: 'unitId', message: 'unknown unit', reason: { code: 'unknown-unit' } },
    ]);
  }
  const units = upper.unitOrder.map((id) => upper.units[id]!);
  if (followUpLevels(units, upper.definition.organiserUnitId).some((level) => level.id === unitId)) return;
  const refused: { message: string; issue: Issue } =
    unit.parentId === null || unitId === upper.definition.organiserUnitId
      ? {
          message: `${unit.name} convened this review: a follow-up is for a level below it.`,
          issue: { path: 'unitId', message: 'not a level below', reason: { code: 'level-convened-review' } },
        }
      : {
          message: `${unit.name} has no units below it to follow up.`,
          issue: { path: 'unitId', message: 'no units below', reason: { code: 'no-units-below' } },
        };
  throw new DomainError('CONFLICT', refused.message, [refused.issue]);
}

/**
 * The cascade down the line: a level convenes its own follow-up of a higher closed review in one
 * step, and the explanations its units give there travel back into the higher review's record.
 */
export class CascadeService {
  constructor(private readonly deps: CascadeServiceDeps) {}

  /**
   * Convenes the level's follow-up of the closed session `fromSessionId` as a draft: the level,
   * the units below it and the line above it; the higher review's open directives about units
   * below the level (which relay their explanations back up) and its open warnings to them;
   * an agenda of the opening and one item per unit concerned, the warned ones first. The
   * period is the higher review's; the thresholds and chair are the level's own. Refused as
   * the administrator's convening is when a day is before today or out of date order.
   */
  async convene(
    fromSessionId: string,
    request: CascadeRequest,
  ): Promise<{ sessionId: string; chair: IssuedInvitation }> {
    refuseConveneDays(request.days, this.deps.clock.now(), 'days');
    // One follow-up per review and level: a retried request finds the one it made.
    const sessionId = this.deps.ids.derive('follow-up', fromSessionId, request.unitId);
    const events = await this.deps.commands.read(fromSessionId, (upper) => {
      cascadeSource(upper, fromSessionId, request.unitId);
      // A copy: the higher state keeps changing in place (relays append to its steps).
      return structuredClone(this.cascadeEvents(upper, request));
    });
    const appended = await this.deps.commands.appendSystem(sessionId, systemActor.id, (state) => {
      if (state.definition) {
        throw new DomainError(
          'CONFLICT',
          `${state.definition.organisation} has already convened its follow-up of this review: “${state.definition.title}” (${sessionId}).`,
          [
            {
              path: 'unitId',
              message: `follow-up already convened: ${sessionId}`,
              reason: { code: 'follow-up-convened', sessionId },
            },
          ],
        );
      }
      return events;
    });
    this.deps.published(sessionId, appended.events);
    const [chair] = await this.deps.sessions.inviteAll(
      sessionId,
      [{ name: request.chairName, role: 'chair', unitId: null, email: request.chairEmail }],
      systemActor,
    );
    return { sessionId, chair: chair! };
  }

  private cascadeEvents(upper: SessionState, request: CascadeRequest): NewEvent[] {
    const definition = upper.definition!;
    const { directives, warnings } = cascadeOf(upper, request.unitId);
    const events: NewEvent[] = [
      newEvent('session:created', {
        title: request.title,
        period: definition.period,
        organisation: unitName(upper, request.unitId),
        days: request.days,
        thresholds: request.thresholds,
        conferenceLink: request.conferenceLink,
        organiserUnitId: request.unitId,
        previousSessionId: null,
        cascadeFromSessionId: upper.sessionId,
        createdAt: this.deps.clock.now().toISOString(),
      }),
      ...cascadeUnits(upper, request.unitId).map((unit) => newEvent('unit:added', { unit })),
    ];
    // The state's own fields stay out: the event carries a WarningRecord.
    for (const { carriedFromSessionId: _from, decidedAt: _decided, ...warning } of warnings) {
      events.push(newEvent('warning:cascaded', { warning, fromSessionId: upper.sessionId }));
    }
    for (const { carriedFromSessionId: _from, ...directive } of directives) {
      events.push(
        newEvent('directive:carried-over', {
          directive: {
            ...carriedRecord(upper, directive),
            cascadedFromSessionId: upper.sessionId,
            sentUpSteps: directive.steps.length,
          },
          fromSessionId: upper.sessionId,
        }),
      );
    }
    const agenda = new AgendaDraft(request.days.map((day) => day.id));
    const language = request.language ?? 'en';
    agenda.add(0, { id: this.deps.ids.next(), ...opening(language) });
    const concerned = [...new Set([...warnings.map((w) => w.unitId), ...directives.map((d) => d.assigneeUnitId)])];
    for (const unitId of concerned) {
      const warned = warnings.some((w) => w.unitId === unitId);
      agenda.add(0, {
        id: this.deps.ids.next(),
        unitId,
        ...proposedTopic(
          {
            kind: 'cascaded',
            unit: unitName(upper, unitId),
            warned,
            organisation: definition.organisation,
            period: definition.period,
          },
          language,
        ),
        plannedMinutes: 15,
        warningId: null,
        kind: 'report',
      });
    }
    events.push(...agenda.events());
    return events;
  }

  /**
   * Relays every explanation that left this session's level into the higher session's record,
   * then records the delivery here: two appends, each under a command id made of the lower
   * session, the directive and its step count, so a retried or repeated relay appends nothing
   * twice, across restarts and on every store. Returns the relays delivered; one that the higher
   * record refuses (the directive closed there) stays pending and is reported through `onError`.
   */
  async relay(sessionId: string, onError?: (error: unknown, relay: PendingRelay) => void): Promise<PendingRelay[]> {
    const pending = await this.deps.commands.read(sessionId, pendingRelays);
    const delivered: PendingRelay[] = [];
    for (const relay of pending) {
      try {
        await this.relayOne(sessionId, relay);
        delivered.push(relay);
      } catch (error) {
        if (!onError) throw error;
        onError(error, relay);
      }
    }
    return delivered;
  }

  private async relayOne(sessionId: string, relay: PendingRelay): Promise<void> {
    const { directiveId, toSessionId, sentUpSteps } = relay;
    const commandId = `relay:${sessionId}:${directiveId}:${sentUpSteps}`;
    const steps = relay.steps.map((step) => ({ ...step, fromSessionId: step.fromSessionId ?? sessionId }));
    /** Appends the relay to `targetId`; a later review that no longer holds the directive open takes nothing. */
    const relayInto = async (targetId: string, isLater: boolean) => {
      const outcome = await this.deps.commands.appendCommand(targetId, systemActor.id, commandId, (state) => {
        const directive = state.directives[directiveId];
        if (isLater && !(directive && isDirectiveOpen(directive))) return [];
        if (!directive) throw new DomainError('NOT_FOUND', `There is no directive ${directiveId} in ${targetId}.`);
        if (!isDirectiveOpen(directive)) {
          throw new DomainError('CONFLICT', `The directive is ${directive.status} in the higher review's record.`);
        }
        return [
          newEvent('directive:relayed', {
            directiveId,
            fromSessionId: sessionId,
            steps,
            holderUnitId: relay.holderUnitId,
          }),
        ];
      });
      this.deps.published(targetId, outcome.events);
      return outcome;
    };
    const upper = await relayInto(toSessionId, false);
    // The higher level's later reviews that carried the directive over follow it too.
    for (const laterId of await this.carriedInto(toSessionId, directiveId)) await relayInto(laterId, true);
    const lower = await this.deps.commands.appendCommand(
      sessionId,
      systemActor.id,
      `relay-delivered:${directiveId}:${sentUpSteps}`,
      (state) =>
        (state.directives[directiveId]?.sentUpSteps ?? 0) >= sentUpSteps
          ? []
          : [
              newEvent('directive:relay-delivered', {
                directiveId,
                toSessionId,
                seq: upper.result.seq,
                sentUpSteps,
              }),
            ],
    );
    this.deps.published(sessionId, lower.events);
  }

  /**
   * The sessions after `sessionId` in its chain of periods (each following up the one before)
   * that carried the directive over and still hold it open, in order.
   */
  private async carriedInto(sessionId: string, directiveId: string): Promise<string[]> {
    const digests = await this.deps.directory.digests();
    const later: string[] = [];
    let previous = sessionId;
    for (const { sessionId: id, digest } of digests.slice(digests.findIndex((d) => d.sessionId === sessionId) + 1)) {
      // Only the next period's review of `previous` can have carried its directives over.
      if (digest.summary?.previousSessionId !== previous) continue;
      const carries = await this.deps.commands.read(id, (state) => {
        const directive = state.directives[directiveId];
        return (
          state.definition?.previousSessionId === previous &&
          directive?.carriedFromSessionId === previous &&
          isDirectiveOpen(directive)
        );
      });
      if (!carries) continue;
      later.push(id);
      previous = id;
    }
    return later;
  }
}
