import { ActionIcon, Alert, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { IconArrowDown, IconArrowUp, IconGripVertical } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Versioned } from "../../api/client";
import { ApiError, describeError } from "../../api/problem";
import type { ParticipantRead, PlanRead } from "../../api/types";
import { planKeys, useUpdatePlan } from "../plans/api";
import { participantKeys, patchParticipant } from "./api";
import { PARTICIPANT_ROLE_LABEL } from "./labels";
import { moveItem, participantOrderChanges, sameOrder, speakingOrderOf } from "./speakingOrder";
import { ConflictAlert } from "../../lib/ConflictAlert";

export const PLAN_CONFLICT_MESSAGE = "This plan was changed by someone else — reload to see their changes.";

interface Props {
  caseId: string;
  participants: ParticipantRead[];
  plan: Versioned<PlanRead> | null;
}

export function SpeakingOrder({ caseId, participants, plan }: Props) {
  const queryClient = useQueryClient();
  const updatePlan = useUpdatePlan(caseId);
  const planOrder = plan ? plan.data.speaking_order : null;
  const saved = useMemo(
    () => speakingOrderOf(participants, planOrder).map((p) => p.id),
    [participants, planOrder],
  );
  const [order, setOrder] = useState<string[]>(saved);
  const [touched, setTouched] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmApproved, setConfirmApproved] = useState(false);
  const [saving, setSaving] = useState(false);

  // Follow the saved order until the user starts moving people.
  useEffect(() => {
    if (!touched) setOrder(saved);
  }, [saved, touched]);

  const byId = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const shown = order.filter((id) => byId.has(id));
  // Speakers added since the order was last touched go to the end.
  for (const id of saved) if (!shown.includes(id)) shown.push(id);
  const orderedSpeakers = shown.map((id) => byId.get(id)).filter((p): p is ParticipantRead => Boolean(p));
  // With a plan, "saved" means the plan holds exactly this order; without one, each speaker's own number.
  const dirty = plan ? !sameOrder(shown, plan.data.speaking_order) : participantOrderChanges(orderedSpeakers).length > 0;
  // "Not saved" only after someone moved a speaker: before that the order shown is the
  // saved one or its default (speakers by number, new ones at the end), which may be
  // saved as it is but is nobody's unsaved work.
  const unsaved = touched && dirty;
  const delivered = plan?.data.status === "delivered";
  const approved = plan?.data.status === "approved";

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const name = (id: string | number) => byId.get(String(id))?.full_name ?? "participant";
  const position = (id: string | number) => shown.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}, position ${position(active.id)} of ${shown.length}.`,
    onDragOver: ({ active, over }) =>
      over ? `${name(active.id)} is over position ${position(over.id)} of ${shown.length}.` : `${name(active.id)} is not over a position.`,
    onDragEnd: ({ active, over }) =>
      over ? `${name(active.id)} dropped at position ${position(over.id)} of ${shown.length}.` : `${name(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
  };

  const move = (from: number, to: number) => {
    setOrder(moveItem(shown, from, to));
    setTouched(true);
    setError(null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    move(shown.indexOf(String(active.id)), shown.indexOf(String(over.id)));
  };

  const save = async () => {
    setError(null);
    if (approved && !confirmApproved) {
      setConfirmApproved(true);
      return;
    }
    setConfirmApproved(false);
    setSaving(true);
    try {
      if (plan) {
        if (!plan.etag) throw new ApiError(412, { type: "/api/v1/problems/precondition-failed", title: "Stale", status: 412 });
        await updatePlan.mutateAsync({ body: { speaking_order: shown }, etag: plan.etag });
      } else {
        for (const change of participantOrderChanges(orderedSpeakers)) {
          await patchParticipant(change.participant, { speaking_order: change.speaking_order });
        }
        await queryClient.invalidateQueries({ queryKey: participantKeys.list(caseId) });
      }
      setTouched(false);
      notifications.show({ color: "teal", title: "Saved", message: "The speaking order was saved." });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 412 || err.status === 428)) setConflict(true);
      else setError(describeError(err));
      if (!plan) void queryClient.invalidateQueries({ queryKey: participantKeys.list(caseId) });
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: planKeys.detail(caseId) }),
      queryClient.invalidateQueries({ queryKey: participantKeys.list(caseId) }),
    ]);
    setConflict(false);
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="speaking-order-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="speaking-order-title">
            Speaking order
          </Title>
          {unsaved && !delivered && (
            <Badge color="red" variant="light">
              Not saved
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Drag a speaker by the handle, or focus the handle and press Space, then the arrow keys, then Space
          again. The up and down buttons do the same.
        </Text>
        {!plan && (
          <Alert color="blue" variant="light" title="No plan yet">
            This case has no intervention plan yet, so the order is saved on each participant. Once a plan
            exists, the order is kept in the plan and starts from this one.
          </Alert>
        )}
        {delivered && (
          <Alert color="gray" variant="light">
            The intervention was held; this order is the record of it and can no longer change.
          </Alert>
        )}
        {conflict && (
          <ConflictAlert title="Not saved" onReload={reload}>
            <span>{PLAN_CONFLICT_MESSAGE} Your order is kept; save again after reloading.</span>
          </ConflictAlert>
        )}
        {error && (
          <Alert color="red" title="The order was not saved" role="alert">
            {error}
          </Alert>
        )}
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            No one speaks yet: add participants with the role team leader, speaker or supporter.
          </Text>
        ) : (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{ announcements }}
          >
            <SortableContext items={shown} strategy={verticalListSortingStrategy}>
              <Stack gap={6} component="ol" aria-label="Speaking order" p={0} m={0} style={{ listStyle: "none" }}>
                {shown.map((id, index) => {
                  const participant = byId.get(id);
                  if (!participant) return null;
                  return (
                    <SortableSpeaker
                      key={id}
                      participant={participant}
                      index={index}
                      count={shown.length}
                      disabled={delivered}
                      onMove={move}
                    />
                  );
                })}
              </Stack>
            </SortableContext>
          </DndContext>
        )}
        {confirmApproved && (
          <Alert color="red" title="This plan is approved" role="alert">
            Saving a new order returns the plan to draft; it has to be reviewed and approved again.
          </Alert>
        )}
        {!delivered && shown.length > 0 && (
          <Group justify="flex-end" gap="xs">
            {touched && (
              <Button
                variant="default"
                onClick={() => {
                  setTouched(false);
                  setOrder(saved);
                  setConfirmApproved(false);
                }}
              >
                Undo changes
              </Button>
            )}
            <Button onClick={save} loading={saving} disabled={!dirty || conflict}>
              {confirmApproved ? "Save and return to draft" : "Save speaking order"}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

interface SpeakerProps {
  participant: ParticipantRead;
  index: number;
  count: number;
  disabled: boolean;
  onMove: (from: number, to: number) => void;
}

function SortableSpeaker({ participant, index, count, disabled, onMove }: SpeakerProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: participant.id,
    disabled,
  });
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: "relative",
        zIndex: isDragging ? 1 : undefined,
      }}
    >
      <Group
        gap="xs"
        wrap="nowrap"
        p={6}
        style={{
          border: "1px solid var(--mantine-color-gray-3)",
          borderRadius: "var(--mantine-radius-sm)",
          background: isDragging ? "var(--mantine-color-cyan-0)" : "var(--mantine-color-white)",
        }}
      >
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray.7"
          aria-label={`Reorder ${participant.full_name}, position ${index + 1} of ${count}`}
          disabled={disabled}
          style={{ cursor: disabled ? undefined : "grab", touchAction: "none" }}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={18} aria-hidden />
        </ActionIcon>
        <Text fw={600} size="sm" w={24} ta="right" aria-hidden>
          {index + 1}.
        </Text>
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {participant.full_name}
          </Text>
          <Text size="xs" c="dimmed">
            {PARTICIPANT_ROLE_LABEL[participant.role]}
          </Text>
        </Stack>
        <ActionIcon
          variant="subtle"
          color="gray.7"
          aria-label={`Move ${participant.full_name} up`}
          disabled={disabled || index === 0}
          onClick={() => onMove(index, index - 1)}
        >
          <IconArrowUp size={16} aria-hidden />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          color="gray.7"
          aria-label={`Move ${participant.full_name} down`}
          disabled={disabled || index === count - 1}
          onClick={() => onMove(index, index + 1)}
        >
          <IconArrowDown size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </li>
  );
}
