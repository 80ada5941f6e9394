import type { ParticipantRole, Readiness, Relationship } from "../../api/types";

export const RELATIONSHIP_LABEL: Record<Relationship, string> = {
  parent: "Parent",
  spouse: "Spouse",
  partner: "Partner",
  child: "Child",
  sibling: "Sibling",
  grandparent: "Grandparent",
  friend: "Friend",
  coworker: "Coworker",
  employer: "Employer",
  clergy: "Clergy",
  other: "Other",
};

export const PARTICIPANT_ROLE_LABEL: Record<ParticipantRole, string> = {
  team_leader: "Team leader",
  speaker: "Speaker",
  supporter: "Supporter",
  observer: "Observer",
  not_attending: "Not attending",
};

export const READINESS_LABEL: Record<Readiness, string> = {
  not_contacted: "Not contacted",
  contacted: "Contacted",
  committed: "Committed",
  declined: "Declined",
};

// Colour and variant per readiness; each keeps the badge text at 4.5:1 or better.
export const READINESS_BADGE: Record<Readiness, { color: string; variant: "light" | "filled" }> = {
  not_contacted: { color: "gray", variant: "light" },
  contacted: { color: "blue", variant: "light" },
  committed: { color: "teal.9", variant: "filled" },
  declined: { color: "red.9", variant: "filled" },
};

/** Roles that read a letter in the meeting, and so have a place in the speaking order. */
export const SPEAKING_ROLES: ReadonlySet<ParticipantRole> = new Set<ParticipantRole>([
  "team_leader",
  "speaker",
  "supporter",
]);
