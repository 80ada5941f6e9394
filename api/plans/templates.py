"""Built-in intervention plan templates, one per recognized intervention model.

Templates are reviewed content kept as data in code: frozen dataclasses and tuples, no I/O.
Creating a plan from a template copies its sections into the plan, its contingencies into
the plan's contingencies and its action items into the case's tasks (the action plan), with
``due_in_days`` counted from the day the plan is created.

Every template covers the structure every intervention needs (DESIGN.md section 1):
measurable goals, what each participant contributes, an action plan, accountability among
all parties, resources for continued support and follow-up plans, in the terms of its model.
Action items are listed in phase order, and their due days never go backwards.
"""

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "TEMPLATES",
    "PlanTemplate",
    "TaskPhase",
    "TemplateActionItem",
    "TemplateContingency",
    "TemplateSection",
    "get_template",
]

TaskPhase = Literal["preparation", "intervention", "treatment", "aftercare", "follow_up"]


@dataclass(frozen=True)
class TemplateSection:
    key: str  # stable snake_case id, unique within the template
    title: str  # shown as the section heading
    guidance: str  # 1-4 sentences telling the professional what goes here, in this model's terms


@dataclass(frozen=True)
class TemplateActionItem:
    title: str  # imperative, <= 120 chars
    description: str  # what, who, why in this model (<= 600 chars)
    phase: TaskPhase
    due_in_days: int | None  # days after the plan is created; None when it depends on events


@dataclass(frozen=True)
class TemplateContingency:
    scenario: str
    response: str  # what the team does, per this model


@dataclass(frozen=True)
class PlanTemplate:
    model: Literal["johnson", "love_first", "arise", "craft", "systemic_family"]
    name: str
    summary: str  # 2-3 sentences: what the model is and when it fits
    recommended_team_size: tuple[int, int] | None
    sections: tuple[TemplateSection, ...]
    action_items: tuple[TemplateActionItem, ...]
    contingencies: tuple[TemplateContingency, ...]


# --------------------------------------------------------------------------------------------
# Johnson Model
# --------------------------------------------------------------------------------------------

JOHNSON = PlanTemplate(
    model="johnson",
    name="Johnson Model",
    summary=(
        "The Johnson Model, from Vernon Johnson's work in the 1960s and 1970s, is a structured, "
        "unannounced meeting in which family, friends and sometimes an employer, prepared by the "
        "interventionist, read letters describing specific incidents of use and their love, and "
        "ask the client to accept treatment that is already arranged. Consequences are agreed in "
        "advance and stated only if the client refuses. It fits when the client has refused help "
        "repeatedly and the team can hold its bottom lines; it is a poor fit where there is a "
        "history of violence, acute psychiatric risk or a team that cannot keep the plan private."
    ),
    recommended_team_size=(3, 8),
    sections=(
        TemplateSection(
            key="team_and_roles",
            title="Team and roles",
            guidance=(
                "List who takes part and why: people the client loves, respects or depends on, "
                "usually three to eight. Name the chair (normally the interventionist), who "
                "escorts the client to treatment, and who handles work, children and pets on the "
                "day. Leave out anyone who uses with the client, cannot control their anger or "
                "may warn the client; their letter can be read by the chair instead."
            ),
        ),
        TemplateSection(
            key="measurable_goals",
            title="Measurable goals",
            guidance=(
                "State outcomes that can be checked: the client admitted to the named program on "
                "the day of the meeting, every letter and bottom line approved before the final "
                "rehearsal, the family at the program's family sessions, and weekly check-ins "
                "kept for 90 days after discharge. Record each as a goal with a target and a due "
                "date so progress shows in the case."
            ),
        ),
        TemplateSection(
            key="impact_letters",
            title="Impact letters",
            guidance=(
                "Each participant writes a letter of about one page to read aloud: an opening of "
                "love and what the client means to them, two or three specific incidents of use "
                "described factually (what happened, when, how it affected the writer), and a "
                "closing request to accept the treatment arranged today. No labels, blame, "
                "sarcasm or grievances unrelated to use. The interventionist reviews every draft "
                "before the first rehearsal and marks the letter ready in the plan."
            ),
        ),
        TemplateSection(
            key="treatment_arrangements",
            title="Treatment arranged in advance",
            guidance=(
                "Name the program, its ASAM level of care, the admissions contact and the time "
                "the bed is held until, with insurance verified and the pre-admission screening "
                "done. Ask the program whether medically supervised withdrawal is needed and "
                "confirm it is available. Record the packed bag (ID, insurance card, medications), "
                "the driver or escort, and a second program at another level of care in case the "
                "client will accept only that."
            ),
        ),
        TemplateSection(
            key="bottom_lines",
            title="Bottom lines and consequences",
            guidance=(
                "Each participant states, before the final rehearsal, what they will do if the "
                "client refuses: specific, within their own control and something they will "
                "carry out (no more money, no more covering at work, not living at home unless "
                "in treatment). Bottom lines protect the family rather than punish the client, "
                "and are kept as a separate note read only after a refusal. Anyone who cannot "
                "commit to following through says so now, not in the meeting."
            ),
        ),
        TemplateSection(
            key="rehearsal",
            title="Rehearsal and reading order",
            guidance=(
                "Hold at least one full rehearsal with everyone present, reading the letters "
                "aloud in the order they will be read, and a final run-through the day before. "
                "Set the order so the client first hears from someone they are least defensive "
                "with and last from the most compelling voice. Practice the client's likely "
                "objections, anger and walking out, and decide who answers each."
            ),
        ),
        TemplateSection(
            key="intervention_meeting",
            title="The intervention meeting",
            guidance=(
                "Record the date, the time (usually early in the day, when the client is most "
                "likely to be sober), the place, and how the client will be brought there "
                "without being told in advance. The chair opens, says everyone is there out of "
                "concern and asks the client to listen before replying; letters follow in the "
                "rehearsed order, then the request. Seat the client with a clear way out: no one "
                "blocks the door or holds the client in the room."
            ),
        ),
        TemplateSection(
            key="after_acceptance",
            title="Right after acceptance",
            guidance=(
                "The client leaves for treatment straight from the meeting with the named "
                "escort: no stop at home, no last drink, no 'tomorrow'. Thank the client, hand "
                "over the packed bag, and have the designated people call the employer and cover "
                "children and pets. The escort stays until admission is complete; the "
                "interventionist confirms admission and asks the client to sign a consent so the "
                "program can share progress with the interventionist and family."
            ),
        ),
        TemplateSection(
            key="team_accountability",
            title="Accountability among the team",
            guidance=(
                "Write down what each participant commits to after the meeting: carrying out "
                "their bottom line if needed, joining the program's family sessions, attending "
                "their own support meetings and answering weekly check-ins. The team reviews "
                "these with the interventionist; a commitment that slips is raised at the next "
                "review, not settled privately with the client."
            ),
        ),
        TemplateSection(
            key="aftercare_and_follow_up",
            title="Aftercare, resources and follow-up",
            guidance=(
                "Before discharge, agree the aftercare plan with the program: step-down level of "
                "care, mutual-support meetings, sober contacts, and what the family will and will "
                "not provide. List the family's resources (Al-Anon, Nar-Anon, SMART Recovery "
                "Family & Friends, the program's family and alumni groups) and the relapse plan. "
                "Set follow-up reviews at about 30, 90 and 180 days after discharge."
            ),
        ),
    ),
    action_items=(
        TemplateActionItem(
            title="Hold the first planning meeting with the family",
            description=(
                "Interventionist with the people who asked for help: history of use, a safety "
                "screen (violence, suicide risk, medical risks), who should and should not be on "
                "the team, and how the Johnson Model works, including the letters and the "
                "element of surprise. Name the chair, the escort and who covers work and home on "
                "the day, set a target date, and agree that nobody tells the client."
            ),
            phase="preparation",
            due_in_days=2,
        ),
        TemplateActionItem(
            title="Verify insurance and choose the treatment program",
            description=(
                "Interventionist with the family member who holds the insurance details: verify "
                "benefits, complete the program's pre-admission screening, confirm the ASAM "
                "level of care and whether the program advises medically supervised withdrawal, "
                "and pick a second option at another level. The program must be able to admit on "
                "the day of the meeting."
            ),
            phase="preparation",
            due_in_days=5,
        ),
        TemplateActionItem(
            title="Send a first draft of each impact letter to the interventionist",
            description=(
                "Every participant writes their letter: love first, then two or three specific "
                "incidents of use and how each affected them, then the request to accept "
                "treatment today. The interventionist returns notes on anything that blames, "
                "labels or lectures, so the letters are final before the first rehearsal."
            ),
            phase="preparation",
            due_in_days=7,
        ),
        TemplateActionItem(
            title="Agree each participant's bottom line in writing",
            description=(
                "Each participant writes the consequence they will carry out if the client "
                "refuses, and the interventionist checks it is specific, within their control "
                "and realistic. The team hears every bottom line so nobody is surprised on the "
                "day and nobody softens another's."
            ),
            phase="preparation",
            due_in_days=9,
        ),
        TemplateActionItem(
            title="Hold the first rehearsal with the whole team",
            description=(
                "All participants, led by the interventionist: read the letters aloud in the "
                "planned order, set the seating, practice answers to the client's likely "
                "objections and what happens if the client gets angry or walks out. Adjust the "
                "reading order and any letter that lands badly."
            ),
            phase="preparation",
            due_in_days=10,
        ),
        TemplateActionItem(
            title="Secure the bed hold and transport for the day of the meeting",
            description=(
                "Interventionist: confirm the admission time with the program and a bed hold "
                "through the day after the meeting. Named driver or escort: confirm the vehicle, "
                "route and travel time, and, for distant programs, flights or ground transport "
                "booked in a way that can change at short notice."
            ),
            phase="preparation",
            due_in_days=12,
        ),
        TemplateActionItem(
            title="Hold the final rehearsal and walk through the day",
            description=(
                "The whole team, the day before: a last reading in order, the arrival time for "
                "the team (before the client), how the client is brought in, the packed bag and "
                "documents, who calls the employer, and the signal for reading bottom lines. "
                "Confirm every participant still agrees to follow through."
            ),
            phase="preparation",
            due_in_days=13,
        ),
        TemplateActionItem(
            title="Hold the intervention meeting",
            description=(
                "The chair opens, letters are read in the rehearsed order and the client is "
                "asked to go to treatment today. If the client refuses after the answers to "
                "objections, each participant reads their bottom line once, calmly. Record the "
                "result (accepted, accepted later, declined, walked out) when delivering the "
                "plan."
            ),
            phase="intervention",
            due_in_days=14,
        ),
        TemplateActionItem(
            title="Escort the client straight to admission and confirm intake",
            description=(
                "The named escort takes the client from the meeting to the program with no "
                "stops. The interventionist confirms admission with the program the same day, "
                "requests the client's consent for progress updates, and tells the team the "
                "client has arrived."
            ),
            phase="intervention",
            due_in_days=14,
        ),
        TemplateActionItem(
            title="Attend the program's family sessions",
            description=(
                "Every participant who can takes part in the program's family program or "
                "family therapy sessions, to understand the client's treatment and begin their "
                "own recovery. The interventionist tracks attendance as part of the team's "
                "commitments."
            ),
            phase="treatment",
            due_in_days=28,
        ),
        TemplateActionItem(
            title="Agree the aftercare and relapse plan before discharge",
            description=(
                "Interventionist, client, program and family: the step-down level of care, "
                "support meetings, weekly check-ins, what the family will and will not provide, "
                "and exactly what happens if the client relapses. Written down and shared with "
                "everyone it names."
            ),
            phase="aftercare",
            due_in_days=40,
        ),
        TemplateActionItem(
            title="Hold the 90-day follow-up review with the client and team",
            description=(
                "Interventionist with the client and team: review goals, check-in adherence, "
                "each participant's commitments and the relapse plan, and set the next review "
                "(about 180 days after discharge)."
            ),
            phase="follow_up",
            due_in_days=120,
        ),
    ),
    contingencies=(
        TemplateContingency(
            scenario="The client refuses treatment",
            response=(
                "The chair asks each participant in turn to read their bottom line, calmly and "
                "without argument, then repeats the offer once. If the client still refuses, end "
                "the meeting respectfully, ask the program to extend the bed hold by 24 to 48 "
                "hours, and have every participant start their consequence that day. The "
                "interventionist meets the team within 72 hours to keep the consequences "
                "consistent and plan the next approach."
            ),
        ),
        TemplateContingency(
            scenario="The client walks out",
            response=(
                "No one blocks the door, follows in anger or restrains the client. The person "
                "named in rehearsal may follow only if it is safe, to say the offer stands and "
                "the bed is held. The rest of the team stays to finish with the interventionist, "
                "and the bottom lines take effect unless the client accepts within the hold."
            ),
        ),
        TemplateContingency(
            scenario="The client becomes aggressive, threatens harm or talks of suicide",
            response=(
                "Stop the meeting: safety comes before the plan. Give the client space, move "
                "children and vulnerable people out, and call 911 if anyone is in danger. If the "
                "client talks of suicide or self-harm, call or text 988 (Suicide & Crisis "
                "Lifeline) or 911 and do not leave them alone. The interventionist reassesses "
                "before any further meeting."
            ),
        ),
        TemplateContingency(
            scenario="The client agrees but asks for a delay or to quit on their own",
            response=(
                "Use the answers prepared in rehearsal: work, children, pets and bills are "
                "covered and the bed is held today. The team does not negotiate a later date; "
                "the only alternative it accepts is the second program already arranged, and "
                "bottom lines apply if that slips."
            ),
        ),
        TemplateContingency(
            scenario="The client arrives intoxicated or in withdrawal",
            response=(
                "If the client is intoxicated, postpone; an intoxicated client cannot take in "
                "the letters and the meeting may escalate. Confusion, seizures, hallucinations "
                "or signs of overdose are a medical emergency: call 911. Where opioids are "
                "involved, keep naloxone at the meeting and make sure the team knows how to use "
                "it."
            ),
        ),
        TemplateContingency(
            scenario="A participant breaks ranks: argues, backs off a bottom line or warns the client",
            response=(
                "In the meeting the chair thanks the participant and moves to the next letter; "
                "disagreements are not settled in front of the client. If the client was warned, "
                "hold the meeting as an open invitation or reschedule. Afterwards the "
                "interventionist meets the participant privately to decide their place on the "
                "team."
            ),
        ),
        TemplateContingency(
            scenario="The client leaves treatment early or relapses after discharge",
            response=(
                "Act on the relapse plan: contact the interventionist and program within 24 "
                "hours, renew the offer of treatment at the level a reassessment recommends, and "
                "reinstate the bottom lines. After a period without use tolerance falls and "
                "overdose risk rises: where opioids are involved the family keeps naloxone and "
                "calls 911 for any suspected overdose."
            ),
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Love First (Jeff and Debra Jay)
# --------------------------------------------------------------------------------------------

LOVE_FIRST = PlanTemplate(
    model="love_first",
    name="Love First",
    summary=(
        "Love First, developed by Jeff and Debra Jay, is a structured, usually unannounced "
        "intervention built on love rather than confrontation: a team of three to seven, "
        "coordinated by a team leader, reads letters of love and meets each of the loved one's "
        "objections with an answer prepared in advance. Bottom lines are written as a second "
        "letter, read only if the loved one still refuses. It fits families who want a firm but "
        "compassionate intervention and have one member able to organise the team."
    ),
    recommended_team_size=(3, 7),
    sections=(
        TemplateSection(
            key="team_and_team_leader",
            title="Team and team leader",
            guidance=(
                "Build a team of three to seven people who love the client and have seen the "
                "effects of use. Name the team leader, a family member who keeps the team on "
                "schedule, collects the letters and gives the signals on the day alongside the "
                "interventionist. Note what each member contributes (a letter, an answer to an "
                "objection, transport, cover for work or children) and anyone left out because "
                "they use with the client or cannot keep the plan private."
            ),
        ),
        TemplateSection(
            key="measurable_goals",
            title="Measurable goals",
            guidance=(
                "Set goals the team can check: the client admitted on the day of the "
                "intervention, every letter and answer ready by the final rehearsal, every team "
                "member at the program's family program, and each member at a weekly support "
                "meeting for at least 90 days. Record them as goals with targets and dates."
            ),
        ),
        TemplateSection(
            key="letters_of_love",
            title="Letters of love",
            guidance=(
                "Each member writes a letter that opens with love and good memories, describes "
                "specific incidents of use they saw in a factual, nonjudgmental way, says how "
                "they feel about what is happening, and closes by asking the client to accept "
                "the help arranged today. Each letter takes two or three minutes to read. The "
                "team leader collects drafts and the interventionist removes blame, anger and "
                "lecturing."
            ),
        ),
        TemplateSection(
            key="answers_to_objections",
            title="Answers to objections",
            guidance=(
                "List the objections the client is likely to raise: work, money, children or "
                "pets, 'I can stop on my own', 'not that program', 'next week'. For each, write "
                "the answer, the arrangement behind it (leave agreed with the employer, "
                "childcare covered, bills handled) and who gives it. Answers are brief, loving "
                "and final; the team does not debate."
            ),
        ),
        TemplateSection(
            key="bottom_lines",
            title="Bottom lines (the second letter)",
            guidance=(
                "Each member writes a second, shorter letter stating what they will do if the "
                "client refuses, limited to actions within their control that they will carry "
                "out. These letters are read only if the client still refuses after the letters "
                "of love and the answers to objections; if the client accepts, they are never "
                "read."
            ),
        ),
        TemplateSection(
            key="treatment_arrangements",
            title="Treatment arranged",
            guidance=(
                "Choose the program before the intervention: its level of care, the admissions "
                "contact, insurance verified, the pre-admission screening done and the bed held "
                "through intervention day. Ask the program whether medically supervised "
                "withdrawal is needed. Record the packed bag, the travel arrangements and who "
                "escorts the client."
            ),
        ),
        TemplateSection(
            key="rehearsal_and_seating",
            title="Rehearsal, reading order and seating",
            guidance=(
                "Rehearse with the full team: read the letters in order, practice each answer "
                "to an objection, and agree the team leader's signal for moving to the "
                "bottom-line letters. Fix the seating so the client sits beside people they "
                "trust with a clear path to the door, and set the reading order."
            ),
        ),
        TemplateSection(
            key="intervention_day",
            title="Intervention day",
            guidance=(
                "Record when and where the team gathers (before the client arrives), who brings "
                "the client, and the roles of team leader and interventionist. After acceptance "
                "the client leaves directly with the escort; after a refusal the bottom-line "
                "letters are read and the team ends the meeting with dignity and without "
                "argument."
            ),
        ),
        TemplateSection(
            key="family_recovery_and_accountability",
            title="Family recovery and accountability",
            guidance=(
                "Each member names their own recovery commitments: the program's family "
                "program, a weekly support group (Al-Anon, Nar-Anon, Families Anonymous or "
                "SMART Recovery Family & Friends) and the enabling they will stop. The team "
                "agrees how members hold each other accountable, for example a weekly call led "
                "by the team leader, and what happens if the client relapses."
            ),
        ),
        TemplateSection(
            key="continuing_support_and_follow_up",
            title="Continuing support and follow-up",
            guidance=(
                "Agree the aftercare plan with the program before discharge and the family's "
                "part in it. Set follow-up reviews with the interventionist at about 30, 90 and "
                "180 days and list the resources the family and client will use in between."
            ),
        ),
    ),
    action_items=(
        TemplateActionItem(
            title="Name the team leader and confirm a team of three to seven",
            description=(
                "Interventionist with the family member who called: choose a team leader who "
                "is organised, trusted by the family and able to stay calm, and agree who is on "
                "the team and why. Anyone who uses with the client or may tell the client is "
                "left off the team."
            ),
            phase="preparation",
            due_in_days=2,
        ),
        TemplateActionItem(
            title="Hold the team education meeting with the interventionist",
            description=(
                "All team members: how addiction affects the client and the family, how Love "
                "First works, why letters are loving rather than accusing, confidentiality, and "
                "each member's part. Members who may not hold firm are identified now, not on "
                "the day."
            ),
            phase="preparation",
            due_in_days=4,
        ),
        TemplateActionItem(
            title="Choose the treatment program and complete pre-admission screening",
            description=(
                "Interventionist with the team leader: match the program to the client's needs "
                "and level of care, verify insurance and costs, complete the intake screening, "
                "ask whether medically supervised withdrawal is needed, and arrange a bed for "
                "intervention day."
            ),
            phase="preparation",
            due_in_days=6,
        ),
        TemplateActionItem(
            title="Write the letters of love and send them to the team leader",
            description=(
                "Every team member: love and good memories, specific incidents of use described "
                "without judgment, feelings, and the request to accept help today. The team "
                "leader forwards the drafts to the interventionist, who returns them with notes "
                "so each can be marked ready."
            ),
            phase="preparation",
            due_in_days=8,
        ),
        TemplateActionItem(
            title="Write an answer to each objection the client is likely to raise",
            description=(
                "The team together: list every likely objection and write a short answer for "
                "each, with the practical arrangement behind it (employer leave, childcare, "
                "pets, bills) confirmed, and the member who will give it."
            ),
            phase="preparation",
            due_in_days=9,
        ),
        TemplateActionItem(
            title="Write the bottom-line letters to be held back",
            description=(
                "Each member writes a second letter stating what they will do if the client "
                "refuses. The interventionist checks every bottom line is within the member's "
                "control and one they will carry out. The letters stay sealed unless the client "
                "refuses."
            ),
            phase="preparation",
            due_in_days=10,
        ),
        TemplateActionItem(
            title="Rehearse with the whole team in reading order and seating",
            description=(
                "Interventionist and the full team: read every letter aloud in order, practice "
                "the answers to objections, agree the team leader's signal for the bottom-line "
                "letters, and settle the seating and arrival times."
            ),
            phase="preparation",
            due_in_days=12,
        ),
        TemplateActionItem(
            title="Confirm the bed hold, packed bag, transport and cover for work and home",
            description=(
                "Team leader: confirm with the interventionist that the bed is held, the bag is "
                "packed with ID, insurance card and medications, the escort and travel are "
                "booked, and work, children and pets are covered from the day of the "
                "intervention."
            ),
            phase="preparation",
            due_in_days=13,
        ),
        TemplateActionItem(
            title="Hold the intervention",
            description=(
                "The team gathers before the client arrives; letters of love are read in order "
                "and objections are met with the prepared answers. If the client accepts, the "
                "escort leaves with them at once; if not, the team leader signals the "
                "bottom-line letters. Record the result when delivering the plan."
            ),
            phase="intervention",
            due_in_days=14,
        ),
        TemplateActionItem(
            title="Attend the treatment program's family program",
            description=(
                "Every team member who can takes part in the family program and starts their "
                "own support group. The team leader tracks attendance and reports it at the "
                "next team call."
            ),
            phase="treatment",
            due_in_days=28,
        ),
        TemplateActionItem(
            title="Start weekly team accountability calls after discharge",
            description=(
                "Team leader with the team and, when ready, the client: a short weekly call to "
                "review commitments, check-ins and warning signs, following the aftercare plan "
                "agreed with the program and the relapse plan agreed before discharge."
            ),
            phase="aftercare",
            due_in_days=45,
        ),
        TemplateActionItem(
            title="Hold the 90-day follow-up review",
            description=(
                "Interventionist with the client and team: review goals, family recovery "
                "commitments and the aftercare plan, adjust what is not working, and set the "
                "next review (about 180 days)."
            ),
            phase="follow_up",
            due_in_days=120,
        ),
    ),
    contingencies=(
        TemplateContingency(
            scenario="The client refuses after the letters of love and the answers",
            response=(
                "The team leader gives the agreed signal and each member reads their "
                "bottom-line letter once, calmly. The team does not argue or plead; it says the "
                "offer stands while the bed is held and ends the meeting with dignity. Each "
                "member starts their bottom line, and the interventionist meets the team within "
                "72 hours."
            ),
        ),
        TemplateContingency(
            scenario="The client raises an objection the team did not prepare for",
            response=(
                "The team leader or interventionist acknowledges it, says the team will solve "
                "it once the client is in treatment, and repeats the request. Nobody improvises "
                "a promise the family cannot keep."
            ),
        ),
        TemplateContingency(
            scenario="The client asks for time or offers to quit on their own",
            response=(
                "Give the prepared answer: the bed is held today and everything at home and "
                "work is covered. The team does not agree a later date. If the client will "
                "accept only a different program or level of care, the interventionist decides "
                "on the spot whether the option already arranged is acceptable."
            ),
        ),
        TemplateContingency(
            scenario="The client walks out",
            response=(
                "Nobody blocks the way or chases the client. The member chosen in rehearsal may "
                "follow, if safe, to say the offer stands. The team stays with the "
                "interventionist, and the bottom-line letters are given to the client later "
                "if they do not return before the bed hold ends."
            ),
        ),
        TemplateContingency(
            scenario="The client becomes angry or aggressive, or talks of suicide",
            response=(
                "The interventionist stops the meeting. Keep distance, move children out and "
                "call 911 if anyone is in danger. If the client talks of suicide or self-harm, "
                "call or text 988 or call 911 and stay with them."
            ),
        ),
        TemplateContingency(
            scenario="A team member falters, argues or softens their bottom line",
            response=(
                "The team leader thanks them and moves on to the next letter; differences are "
                "not aired in front of the client. Afterwards the interventionist meets the "
                "member, and the team agrees how it will hold the line together."
            ),
        ),
        TemplateContingency(
            scenario="The client completes treatment and later relapses",
            response=(
                "Follow the relapse plan: the team leader calls the interventionist within 24 "
                "hours, the team meets, and treatment is offered again at the level a "
                "reassessment recommends. Where opioids are involved, keep naloxone at home and "
                "call 911 for any suspected overdose; tolerance falls after time without use."
            ),
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# ARISE (Judith Landau and James Garrett)
# --------------------------------------------------------------------------------------------

ARISE = PlanTemplate(
    model="arise",
    name="ARISE (A Relational Intervention Sequence for Engagement)",
    summary=(
        "ARISE, developed by Judith Landau and James Garrett, is an invitational, graduated "
        "model: nothing is secret, and the loved one is invited from the first call and to "
        "every meeting. Effort rises only as far as needed, from Level 1 (the first call) to "
        "Level 2 (strength-based network meetings) to Level 3 (a formal intervention with "
        "consequences), stopping at the first level that works. It fits families who reject "
        "surprise and want to keep trust, and situations where an ambush could do harm."
    ),
    recommended_team_size=None,
    sections=(
        TemplateSection(
            key="level_1_first_call",
            title="Level 1: The first call",
            guidance=(
                "Record the call in which the concerned other reaches the interventionist and, "
                "in the same conversation, is coached to invite the loved one and the "
                "intervention network to a first meeting. Nothing is secret: the loved one is "
                "told who is meeting, when and why, and is asked to come. Note the concerned "
                "other's script, who they will call, and any safety concern that changes how "
                "the invitation is made."
            ),
        ),
        TemplateSection(
            key="intervention_network",
            title="The intervention network",
            guidance=(
                "List the network: family, friends, colleagues and others who care about the "
                "loved one and will commit to the process, including someone the loved one "
                "trusts who can carry invitations. For each, record their strengths and what "
                "they contribute (attending meetings, transport, childcare, practical help). "
                "ARISE builds on the family's resilience, not on its failures."
            ),
        ),
        TemplateSection(
            key="measurable_goals",
            title="Measurable goals",
            guidance=(
                "The primary goal is engagement: the loved one enters the agreed treatment "
                "within a set time, for example within a week of the meeting where they agree. "
                "Add network goals that can be checked, such as meeting attendance, each "
                "member's commitments kept, and members' own wellbeing, each with a target and "
                "date."
            ),
        ),
        TemplateSection(
            key="level_2_network_meetings",
            title="Level 2: Strength-based network meetings",
            guidance=(
                "If the loved one has not engaged after the first meeting, the network keeps "
                "meeting with the interventionist, typically up to five times, and the loved one "
                "is invited to every meeting whether or not they came before. Meetings draw on "
                "the family's strengths, review what each member has done and remove practical "
                "barriers to treatment. Record each meeting's date, attendance, whether the "
                "loved one came and what was agreed."
            ),
        ),
        TemplateSection(
            key="level_3_formal_intervention",
            title="Level 3: Formal intervention",
            guidance=(
                "Used only when Levels 1 and 2 have not led to engagement, and rarely needed. "
                "The network agrees the consequences each member will carry out if the loved "
                "one still refuses, tells the loved one about the meeting and the consequences "
                "beforehand, and delivers them with love in the meeting. Record each "
                "consequence, who holds it and the date."
            ),
        ),
        TemplateSection(
            key="escalation_between_levels",
            title="When to move to the next level",
            guidance=(
                "Stop at the first level that works. Move from Level 1 to Level 2 when the loved "
                "one has not agreed to treatment after the first meeting; move from Level 2 to "
                "Level 3 when the agreed network meetings (typically up to five) have passed "
                "without engagement, or sooner if risk rises. Record each decision, who made it "
                "and when."
            ),
        ),
        TemplateSection(
            key="treatment_options",
            title="Treatment options and engagement",
            guidance=(
                "Have two or three programs ready before the first meeting at suitable levels "
                "of care, and let the loved one choose among them; choice supports engagement. "
                "Record the chosen program, its ASAM level, the admission date and the "
                "network's practical help with admission."
            ),
        ),
        TemplateSection(
            key="network_accountability",
            title="Network accountability",
            guidance=(
                "Record each member's commitments and review them at every meeting, openly and "
                "in the loved one's hearing when they attend. A member who cannot keep a "
                "commitment says so in the meeting so the network can adjust."
            ),
        ),
        TemplateSection(
            key="continuing_network_support",
            title="Continuing network support and follow-up",
            guidance=(
                "The network keeps meeting, less often, after treatment begins, typically for "
                "six to twelve months, to support recovery, watch for warning signs and act "
                "early on relapse. List the resources the network and loved one will use "
                "(mutual-support groups, the program's family services, 988 for a crisis) and "
                "the follow-up review dates."
            ),
        ),
    ),
    action_items=(
        TemplateActionItem(
            title="Level 1: Coach the concerned other through the first call",
            description=(
                "Interventionist with the concerned other, during or within a day of the first "
                "call: who belongs in the network, how to invite the loved one honestly and "
                "warmly, what to say if they say no, and how to invite the others. The concerned "
                "other ends the call with a date, time and place for the first meeting, ideally "
                "within a few days."
            ),
            phase="preparation",
            due_in_days=1,
        ),
        TemplateActionItem(
            title="Level 1: Invite the loved one and the network to the first meeting",
            description=(
                "The concerned other tells the loved one who is meeting, when and why, and asks "
                "them to come, then invites each network member. The loved one hears it from the "
                "family first, not from others. The concerned other reports back to the "
                "interventionist who is coming."
            ),
            phase="preparation",
            due_in_days=2,
        ),
        TemplateActionItem(
            title="Level 1: Line up treatment options before the first meeting",
            description=(
                "Interventionist: identify two or three programs at suitable levels of care, "
                "with availability, cost and insurance checked, so the loved one can choose and "
                "start quickly if they agree at the first meeting."
            ),
            phase="preparation",
            due_in_days=3,
        ),
        TemplateActionItem(
            title="Level 1: Hold the first network meeting",
            description=(
                "The meeting goes ahead whether or not the loved one comes. The interventionist "
                "opens with the network's concern and strengths, members say why they came, and "
                "the loved one, if present, is asked to choose among the treatment options. If "
                "the loved one agrees, admission is arranged at once and the process stops at "
                "Level 1."
            ),
            phase="intervention",
            due_in_days=5,
        ),
        TemplateActionItem(
            title="Level 2: Schedule network meetings and invite the loved one to each",
            description=(
                "If the loved one has not engaged after the first meeting, book further network "
                "meetings, typically up to five, often weekly. A member the loved one trusts "
                "invites them to each meeting and tells them what was discussed at any they "
                "missed."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Level 2: Review commitments and build on the network's strengths at each meeting",
            description=(
                "Interventionist with the network: review what members have done since the last "
                "meeting, draw on the family's history of getting through hard times, solve "
                "practical barriers to treatment and note whether the loved one is moving "
                "towards engagement. Record attendance and agreements."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Level 2: Agree openly what each member will do if Level 3 is needed",
            description=(
                "When progress stalls, each member drafts the consequence they will hold if the "
                "loved one still refuses: within their control, carried out with love. The "
                "interventionist checks each is safe and realistic, and the loved one is told "
                "about them; nothing is held back for a surprise."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Level 3: Give the loved one notice of the formal intervention",
            description=(
                "The concerned other or a trusted member tells the loved one the date, who will "
                "be there and the consequences the network has agreed, and invites them to "
                "come. The formal intervention is never a surprise."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Level 3: Hold the formal intervention and carry out the agreed consequences",
            description=(
                "The network meets with the loved one, or without them if they do not come, "
                "restates its love and concern and offers the treatment options once more. If "
                "the loved one refuses, each member begins their consequence. The network keeps "
                "meeting and the door to treatment stays open."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Support admission and keep the network meeting during treatment",
            description=(
                "Members carry out their practical commitments for admission (transport, "
                "childcare, work). The network keeps meeting with the interventionist and takes "
                "part in the program's family services."
            ),
            phase="treatment",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Agree the continuing-care plan with the loved one and network before discharge",
            description=(
                "Interventionist, loved one, network and program: step-down care, support "
                "meetings, weekly check-ins, how often the network will meet, the warning signs "
                "members watch for and what the network does if relapse occurs."
            ),
            phase="aftercare",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Hold network reviews at six and twelve months",
            description=(
                "Interventionist with the loved one and network: review goals, commitments and "
                "wellbeing, decide how often the network keeps meeting, and close or renew the "
                "plan at twelve months."
            ),
            phase="follow_up",
            due_in_days=180,
        ),
    ),
    contingencies=(
        TemplateContingency(
            scenario="The loved one does not come to the first meeting",
            response=(
                "The meeting goes ahead and the network plans. Afterwards someone the loved one "
                "trusts tells them what was said and invites them to the next meeting. This is "
                "expected in ARISE and is not a reason to switch to a surprise intervention."
            ),
        ),
        TemplateContingency(
            scenario="A network member wants to keep the plan secret or stage a surprise",
            response=(
                "The interventionist explains the invitational principle: anything discussed may "
                "be shared with the loved one, and secrecy costs the trust the network will need "
                "later. A member who cannot accept this can help in practical ways without "
                "attending meetings."
            ),
        ),
        TemplateContingency(
            scenario="The loved one agrees only to a lower level of care than recommended",
            response=(
                "Start there if the interventionist and program judge it safe, and agree openly "
                "in the meeting which level of care comes next if it does not hold (for example "
                "from outpatient, level 1, to intensive outpatient, 2.1, or residential). The "
                "network keeps meeting to watch progress."
            ),
        ),
        TemplateContingency(
            scenario="Risk rises during the process: violence, overdose or talk of suicide",
            response=(
                "Safety overrides the sequence. Call 911 for immediate danger or a suspected "
                "overdose (give naloxone if opioids are involved and it is at hand) and call or "
                "text 988 in a suicidal crisis. Where there is domestic violence, invitations "
                "and consequences are planned around a safety plan, none that could provoke "
                "violence is used, and the interventionist decides whether to escalate sooner."
            ),
        ),
        TemplateContingency(
            scenario="The loved one refuses at Level 3",
            response=(
                "Each member carries out the consequence they announced. The network keeps "
                "meeting and renews the invitation when the loved one shows readiness, for "
                "example after a crisis; refusal at Level 3 does not end the network's work."
            ),
        ),
        TemplateContingency(
            scenario="The loved one enters treatment and later relapses",
            response=(
                "The network reconvenes with the interventionist within days; relapse is "
                "treated as information, not failure. Review the continuing-care plan, consider "
                "a higher level of care on reassessment, and restart at the level of "
                "intervention that fits."
            ),
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# CRAFT (Robert Meyers and Jane Ellen Smith)
# --------------------------------------------------------------------------------------------

CRAFT = PlanTemplate(
    model="craft",
    name="CRAFT (Community Reinforcement and Family Training)",
    summary=(
        "CRAFT, developed by Robert Meyers and Jane Ellen Smith, coaches the concerned "
        "significant other (CSO), not the loved one, over 12 to 14 sessions: understanding what "
        "drives use, communicating positively, rewarding sober behavior, letting natural "
        "consequences happen, looking after their own life, and inviting the loved one to "
        "treatment at a window of opportunity. It fits families who want a non-confrontational "
        "approach, a loved one who is not ready, or homes where confrontation is unsafe, and "
        "benefits the CSO whether or not the loved one engages."
    ),
    recommended_team_size=None,
    sections=(
        TemplateSection(
            key="cso_and_goals",
            title="The concerned significant other and their goals",
            guidance=(
                "Name the CSO being coached (sometimes two family members) and their goals: the "
                "loved one entering treatment, the loved one using less, and the CSO's own "
                "wellbeing whether or not the loved one engages. Make each measurable: sessions "
                "attended, practice tasks completed, Happiness Scale ratings, the loved one's "
                "treatment entry. CRAFT does not use confrontation or a surprise meeting."
            ),
        ),
        TemplateSection(
            key="functional_analysis",
            title="Functional analysis of use",
            guidance=(
                "Map the loved one's use with the CSO: external triggers (people, places, "
                "times), internal triggers (thoughts, feelings), the usual pattern of use, the "
                "short-term rewards of use and its long-term costs. Identify high-risk times and "
                "the sober activities the loved one enjoys, which become the rewards the CSO "
                "uses."
            ),
        ),
        TemplateSection(
            key="safety_plan",
            title="Domestic-violence screening and safety plan",
            guidance=(
                "Screen for violence at intake and review it before the CSO changes how they "
                "respond to use. If there is any history or risk, write a safety plan: warning "
                "signs, a safe place, a packed bag, who to call, the National Domestic Violence "
                "Hotline (1-800-799-7233), and 911 in danger. Where opioids are used, the CSO "
                "keeps naloxone and knows how to respond to an overdose."
            ),
        ),
        TemplateSection(
            key="communication_training",
            title="Positive communication",
            guidance=(
                "Train the CSO to communicate positively: brief, specific, positive requests, "
                "'I' statements about their own feelings, an understanding statement, accepting "
                "partial responsibility where fair, and offering help. Role-play real "
                "conversations in session and set practice between sessions."
            ),
        ),
        TemplateSection(
            key="reinforcing_sober_behaviour",
            title="Rewarding sober behavior",
            guidance=(
                "Help the CSO notice and reward time the loved one spends sober: shared "
                "activities, attention, warmth and practical favours, given promptly and only "
                "while the loved one is not using. Record the rewards chosen, when they were used "
                "and what happened."
            ),
        ),
        TemplateSection(
            key="natural_consequences",
            title="Withdrawing rewards and allowing natural consequences",
            guidance=(
                "When the loved one is using, the CSO withdraws the rewards (leaves the room, "
                "skips the planned activity) and stops shielding them from the natural "
                "consequences of use: no calling in sick for them, no cleaning up, no paying "
                "use-related costs. Each step is checked against the safety plan first."
            ),
        ),
        TemplateSection(
            key="cso_self_care",
            title="The CSO's own life and support",
            guidance=(
                "Help the CSO rebuild their own life regardless of what the loved one does: "
                "sleep, health, friendships, interests and their own support, such as SMART "
                "Recovery Family & Friends or counselling. Track it with the Happiness Scale "
                "every few sessions."
            ),
        ),
        TemplateSection(
            key="treatment_invitation",
            title="Inviting the loved one to treatment",
            guidance=(
                "Prepare the CSO to invite the loved one at a window of opportunity: after a "
                "use-related crisis or remorse, when the loved one asks why the CSO has changed, "
                "or around a significant event. Have a program ready to see the loved one within "
                "a day or two, ideally with a counsellor who will meet them individually first. "
                "If the loved one says no, the CSO drops it without argument and waits for the "
                "next window."
            ),
        ),
        TemplateSection(
            key="accountability_and_follow_up",
            title="Accountability, resources and follow-up",
            guidance=(
                "Record each session, the practice set and whether it was done; the CSO reports "
                "back at the next session. Plan the CSO's support after the core sessions, "
                "booster sessions, and follow-up reviews of both the CSO's wellbeing and the "
                "loved one's treatment status."
            ),
        ),
    ),
    action_items=(
        TemplateActionItem(
            title="Session 1: Build motivation, set goals and screen for safety",
            description=(
                "Interventionist with the CSO: hear the history, explain how CRAFT works and "
                "what it can achieve (in trials about two in three families got their loved one "
                "into treatment), set the CSO's goals and take a first Happiness Scale rating. "
                "Screen for domestic violence and overdose risk; if there is risk, write the "
                "safety plan in this session. Practice: notice when and where use happens."
            ),
            phase="preparation",
            due_in_days=3,
        ),
        TemplateActionItem(
            title="Session 2: Carry out the functional analysis of the loved one's use",
            description=(
                "Using the CSO's observations, map triggers, the pattern of use, its short-term "
                "rewards and long-term costs, and the high-risk times of the week. Practice: log "
                "one week against the map."
            ),
            phase="preparation",
            due_in_days=10,
        ),
        TemplateActionItem(
            title="Session 3: Review safety and map the loved one's sober activities",
            description=(
                "Revisit the violence screen and safety plan before any change in how the CSO "
                "responds. Map what the loved one enjoys doing when sober and what the CSO can "
                "offer or share, to build the list of rewards. Practice: pick one reward to use "
                "this week."
            ),
            phase="preparation",
            due_in_days=17,
        ),
        TemplateActionItem(
            title="Session 4: Practice positive communication",
            description=(
                "Teach brief, specific, positive requests, 'I' statements, an understanding "
                "statement, partial responsibility and an offer to help; rewrite one recent "
                "argument and role-play it. Practice: one positive request a day."
            ),
            phase="preparation",
            due_in_days=24,
        ),
        TemplateActionItem(
            title="Session 5: Start rewarding sober behavior",
            description=(
                "Choose rewards from the list, plan when to give them (promptly, only while the "
                "loved one is sober) and how to say why. Review the communication practice. "
                "Practice: reward sober time at least twice and note the response."
            ),
            phase="preparation",
            due_in_days=31,
        ),
        TemplateActionItem(
            title="Session 6: Solve the obstacles the CSO has met so far",
            description=(
                "Use CRAFT problem solving on what got in the way: define the problem, list "
                "options, choose one, plan it, and review it next session. Repeat role-plays for "
                "the conversations that went badly."
            ),
            phase="preparation",
            due_in_days=38,
        ),
        TemplateActionItem(
            title="Session 7: Withdraw rewards during use and allow natural consequences",
            description=(
                "Identify what the CSO does that shields the loved one from consequences of use "
                "and which step to stop first; plan how to withdraw rewards while the loved one "
                "is using. Check each step against the safety plan before it starts."
            ),
            phase="preparation",
            due_in_days=45,
        ),
        TemplateActionItem(
            title="Session 8: Plan the CSO's own self-care and support",
            description=(
                "Review the Happiness Scale; choose one area of the CSO's own life to improve "
                "(sleep, health, friends, interests) and a source of support, such as SMART "
                "Recovery Family & Friends or counselling. Practice: one step for themselves "
                "this week."
            ),
            phase="preparation",
            due_in_days=52,
        ),
        TemplateActionItem(
            title="Session 9: Prepare the invitation to treatment and line up a program",
            description=(
                "Identify likely windows of opportunity, write and role-play the invitation "
                "using positive communication, and decide how to back off if the answer is no. "
                "The interventionist lines up a program that can see the loved one within a day "
                "or two."
            ),
            phase="preparation",
            due_in_days=59,
        ),
        TemplateActionItem(
            title="Invite the loved one to treatment at a window of opportunity",
            description=(
                "The CSO invites the loved one, in the words practised, when a window opens. If "
                "the loved one agrees, the CSO calls the interventionist the same day to arrange "
                "the first appointment; if not, the CSO drops it without argument and keeps "
                "rewarding sober behavior until the next window."
            ),
            phase="intervention",
            due_in_days=None,
        ),
        TemplateActionItem(
            title="Session 10: Review the invitation and plan the next window",
            description=(
                "Debrief any invitation: what was said, how the loved one responded, what to "
                "keep and change. If the loved one has not yet been invited or said no, refine "
                "the plan and watch for the next window."
            ),
            phase="intervention",
            due_in_days=66,
        ),
        TemplateActionItem(
            title="Session 11: Support treatment entry and early engagement",
            description=(
                "If the loved one has started treatment, plan how the CSO keeps rewarding "
                "attendance and sober time and responds to missed sessions without nagging. If "
                "not, keep the skills going and rehearse a new invitation."
            ),
            phase="treatment",
            due_in_days=73,
        ),
        TemplateActionItem(
            title="Session 12: Plan for relapse and the CSO's continuing support",
            description=(
                "Agree what the CSO will do if the loved one uses again or leaves treatment: "
                "stay safe, withdraw rewards, allow consequences and invite again. Review goals "
                "and the Happiness Scale, and set the CSO's support after the core sessions."
            ),
            phase="aftercare",
            due_in_days=80,
        ),
        TemplateActionItem(
            title="Session 13: Hold a booster session to refresh the skills",
            description=(
                "About four weeks after the core sessions: review which skills the CSO still "
                "uses, problem-solve what has slipped, and update the safety plan and goals."
            ),
            phase="follow_up",
            due_in_days=108,
        ),
        TemplateActionItem(
            title="Session 14: Review progress at six months",
            description=(
                "Review the loved one's treatment status and use, the CSO's wellbeing and "
                "goals, and decide whether to continue, close or restart coaching."
            ),
            phase="follow_up",
            due_in_days=180,
        ),
    ),
    contingencies=(
        TemplateContingency(
            scenario="The loved one becomes violent or threatens violence",
            response=(
                "The CSO follows the safety plan: leave, go to the safe place and call 911 if in "
                "danger; the National Domestic Violence Hotline is 1-800-799-7233. Pause any "
                "withdrawal of rewards or natural consequences that could provoke violence, and "
                "the interventionist reviews whether CRAFT can safely continue."
            ),
        ),
        TemplateContingency(
            scenario="Overdose, a medical emergency or talk of suicide",
            response=(
                "Call 911 for a suspected overdose or medical emergency; if opioids are "
                "involved, give naloxone and follow the dispatcher's instructions. If the loved "
                "one talks of suicide, call or text 988 or call 911 and do not leave them alone."
            ),
        ),
        TemplateContingency(
            scenario="The loved one says no to the invitation",
            response=(
                "The CSO accepts the answer without argument or lecturing and keeps rewarding "
                "sober behavior. A refusal is expected and not a failure; the next session "
                "reviews the attempt and watches for the next window."
            ),
        ),
        TemplateContingency(
            scenario="The loved one agrees to treatment",
            response=(
                "Act the same day: the CSO calls the interventionist, who books the first "
                "appointment within a day or two, before the willingness fades. The CSO rewards "
                "attendance and keeps their own sessions going."
            ),
        ),
        TemplateContingency(
            scenario="The CSO feels burned out or wants to stop coaching",
            response=(
                "Review the Happiness Scale and shift focus to the CSO's own wellbeing for a "
                "session or two; CRAFT benefits the CSO even when the loved one does not "
                "engage. Agree a reduced pace rather than stopping outright."
            ),
        ),
        TemplateContingency(
            scenario="The loved one enters treatment and then drops out or relapses",
            response=(
                "The CSO uses the same skills: stays safe, withdraws rewards during use, "
                "allows natural consequences and invites again at the next window. Tolerance "
                "falls after time without use, so overdose risk rises; where opioids are "
                "involved keep naloxone at home."
            ),
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# Systemic Family Intervention
# --------------------------------------------------------------------------------------------

SYSTEMIC_FAMILY = PlanTemplate(
    model="systemic_family",
    name="Systemic Family Intervention",
    summary=(
        "Systemic Family Intervention treats the whole family as the client: the "
        "interventionist assesses and works with the family system, its roles, patterns and "
        "history, and every member commits to their own recovery alongside the identified "
        "client's treatment. The identified client is invited rather than surprised, and "
        "treatment is paired with an escalation agreement, made in advance, naming the next "
        "level of care if relapse occurs. It fits families with long-standing patterns, several "
        "affected members or earlier interventions that did not hold."
    ),
    recommended_team_size=None,
    sections=(
        TemplateSection(
            key="family_system_assessment",
            title="Family system assessment",
            guidance=(
                "Map the family system: who is in it, the roles members play (caretaker, peace "
                "keeper, the one who is blamed, the one who withdraws), alliances and conflicts, "
                "and the patterns that keep use going, such as rescuing, secrecy and covering. "
                "Draw a multigenerational history (genogram) of substance use, mental health, "
                "trauma and recovery. Record the family's strengths too; the plan builds on them."
            ),
        ),
        TemplateSection(
            key="measurable_goals",
            title="Measurable goals for the family and the identified client",
            guidance=(
                "Set goals for every member, not only the identified client: treatment entry by "
                "a set date, each member's weekly support meeting or therapy attended, weekly "
                "family meetings held, check-ins kept. Record each as a goal with a target, "
                "subject and date so the family can see its own progress."
            ),
        ),
        TemplateSection(
            key="family_education",
            title="Family education",
            guidance=(
                "Teach the family how addiction works in a family: enabling versus support, "
                "boundaries, communication without blame, relapse warning signs, and how each "
                "member's changes affect the whole. Record the sessions held, who attended and "
                "what each member will change."
            ),
        ),
        TemplateSection(
            key="family_meeting",
            title="Family intervention meeting",
            guidance=(
                "Record the date, place and format (often a one- or two-day family workshop) "
                "and how the identified client is invited; the process is open, not a surprise. "
                "Each member speaks about the family, their own part in its patterns and what "
                "they will change, then asks the identified client to accept treatment."
            ),
        ),
        TemplateSection(
            key="member_recovery_plans",
            title="Each member's own recovery",
            guidance=(
                "For every family member, write their recovery commitments: individual or "
                "family therapy, a support group (Al-Anon, Nar-Anon, Families Anonymous, SMART "
                "Recovery Family & Friends), the enabling behaviors they will stop and how they "
                "will look after their own health. These are each participant's contribution and "
                "are tracked like the identified client's."
            ),
        ),
        TemplateSection(
            key="identified_client_treatment",
            title="Treatment for the identified client",
            guidance=(
                "Record the clinical assessment and recommended ASAM level of care, the chosen "
                "program, the admission or start date and whether the program advises medically "
                "supervised withdrawal. Note the program's family component and how each member "
                "takes part."
            ),
        ),
        TemplateSection(
            key="escalation_agreement",
            title="Escalation agreement",
            guidance=(
                "Before treatment starts, the identified client and family agree in writing what "
                "counts as relapse or disengagement (any use, leaving treatment early, missed "
                "sessions) and the next level of care that follows, on the ASAM scale: 0.5 early "
                "intervention, 1 outpatient, 2.1 intensive outpatient, 2.5 partial "
                "hospitalisation, 3.1, 3.3 and 3.5 residential, 3.7 medically monitored and 4 "
                "medically managed inpatient. Name the program at that level and who calls whom "
                "within 24 hours; a clinical reassessment at the time confirms the placement."
            ),
        ),
        TemplateSection(
            key="family_accountability",
            title="Family accountability",
            guidance=(
                "Agree how the family holds each other accountable: a weekly family meeting, "
                "each member's check-in on their own commitments, and problems raised in the "
                "meeting rather than in private. The identified client is a member of this "
                "meeting, not its subject."
            ),
        ),
        TemplateSection(
            key="continuing_support_and_follow_up",
            title="Continuing support and follow-up",
            guidance=(
                "List the resources for the family and identified client, the aftercare plan "
                "from the program, and follow-up reviews with the interventionist at about 90, "
                "180 and 365 days, at which the family reviews its goals and the escalation "
                "agreement."
            ),
        ),
    ),
    action_items=(
        TemplateActionItem(
            title="Interview each family member individually",
            description=(
                "Interventionist with each member alone: their view of the family, their "
                "relationship with the identified client, their own use and health, and any "
                "safety concerns. Individual interviews bring out what people will not say in "
                "front of each other."
            ),
            phase="preparation",
            due_in_days=3,
        ),
        TemplateActionItem(
            title="Complete the family system assessment and genogram",
            description=(
                "Interventionist, with the family: roles, alliances, patterns that sustain use, "
                "a multigenerational genogram of use, mental health and recovery, and the "
                "family's strengths. Shared with the family as the basis of the plan."
            ),
            phase="preparation",
            due_in_days=5,
        ),
        TemplateActionItem(
            title="Hold the family education sessions",
            description=(
                "All participating members: addiction as a family illness, enabling versus "
                "support, boundaries, communication without blame and relapse warning signs. "
                "Attendance is recorded as part of each member's commitments."
            ),
            phase="preparation",
            due_in_days=7,
        ),
        TemplateActionItem(
            title="Draft each member's own recovery commitments",
            description=(
                "Each member, with the interventionist: the support group or therapy they will "
                "attend, the enabling they will stop and how they will look after themselves, "
                "written so it can be checked weekly."
            ),
            phase="preparation",
            due_in_days=9,
        ),
        TemplateActionItem(
            title="Arrange the identified client's assessment and treatment options",
            description=(
                "Interventionist: arrange a clinical assessment for the ASAM level of care, "
                "choose a program at that level, verify insurance and hold a start date, and "
                "identify a program at the next level up for the escalation agreement."
            ),
            phase="preparation",
            due_in_days=10,
        ),
        TemplateActionItem(
            title="Invite the identified client to the family meeting",
            description=(
                "A family member the identified client trusts, coached by the interventionist, "
                "invites them openly: the family is working on itself and wants them there. "
                "The meeting goes ahead whether or not they come."
            ),
            phase="preparation",
            due_in_days=11,
        ),
        TemplateActionItem(
            title="Draft the escalation agreement",
            description=(
                "Interventionist with the family: define relapse and disengagement, the current "
                "ASAM level and the next level with a named program, who calls whom within 24 "
                "hours, and the family's own commitments if it is used. Ready to sign at the "
                "family meeting."
            ),
            phase="preparation",
            due_in_days=12,
        ),
        TemplateActionItem(
            title="Hold the family intervention meeting",
            description=(
                "The family, the identified client if they come, and the interventionist: each "
                "member speaks about the family and their own changes, then asks the identified "
                "client to accept treatment. Record the result when delivering the plan."
            ),
            phase="intervention",
            due_in_days=14,
        ),
        TemplateActionItem(
            title="Sign the escalation agreement before admission",
            description=(
                "The identified client and each family member sign the agreement, and copies go "
                "to everyone it names. Admission or the first session follows as arranged."
            ),
            phase="intervention",
            due_in_days=14,
        ),
        TemplateActionItem(
            title="Start each member's recovery work and the program's family component",
            description=(
                "Every member begins their own support group or therapy and takes part in the "
                "program's family sessions. The interventionist checks attendance each week."
            ),
            phase="treatment",
            due_in_days=21,
        ),
        TemplateActionItem(
            title="Hold weekly family accountability meetings",
            description=(
                "The whole family, including the identified client: review each member's "
                "commitments, check-ins and warning signs, and whether the escalation agreement "
                "has been triggered. Problems are raised here, not in private."
            ),
            phase="aftercare",
            due_in_days=42,
        ),
        TemplateActionItem(
            title="Review family goals and the escalation agreement at 90 days",
            description=(
                "Interventionist with the family: progress on every member's goals, the "
                "identified client's level of care, and whether the escalation agreement still "
                "names the right next step; set the 180- and 365-day reviews."
            ),
            phase="follow_up",
            due_in_days=90,
        ),
    ),
    contingencies=(
        TemplateContingency(
            scenario="The identified client declines the invitation to the family meeting",
            response=(
                "The meeting goes ahead: the family is the client and its work does not depend "
                "on the identified client attending. Members carry out their own recovery "
                "commitments and boundaries, and the invitation is renewed after each family "
                "session."
            ),
        ),
        TemplateContingency(
            scenario="The identified client refuses treatment or accepts only a lower level of care",
            response=(
                "If the lower level is clinically acceptable, start there with the escalation "
                "agreement signed, so relapse moves care up a level. If treatment is refused "
                "outright, the family keeps its own changes and boundaries and the "
                "interventionist plans the next approach with them."
            ),
        ),
        TemplateContingency(
            scenario="The identified client relapses or leaves treatment early",
            response=(
                "Put the escalation agreement into effect: the named person calls the "
                "interventionist within 24 hours, the program or an assessor reassesses, and the "
                "identified client moves to the agreed next level of care. The family neither "
                "punishes nor rescues. Tolerance falls after time without use: where opioids are "
                "involved keep naloxone at home and call 911 for any suspected overdose."
            ),
        ),
        TemplateContingency(
            scenario="The identified client asks to renegotiate the agreement after a relapse",
            response=(
                "The agreement stands; it was made in advance for this moment. The only change "
                "the family accepts is the one a clinical reassessment recommends."
            ),
        ),
        TemplateContingency(
            scenario="A family member stops their own recovery work or undermines the plan",
            response=(
                "Raise it at the weekly family meeting and with the interventionist, not in "
                "private with the identified client. The interventionist meets the member to "
                "understand what got in the way, and the plan is revised; one member's drift "
                "pulls the whole system back to old patterns."
            ),
        ),
        TemplateContingency(
            scenario="Violence, threats or talk of suicide in the family",
            response=(
                "Call 911 for immediate danger and call or text 988 in a suicidal crisis. "
                "Members at risk of violence follow a safety plan (National Domestic Violence "
                "Hotline 1-800-799-7233), and joint sessions with the person who is violent "
                "pause until the interventionist judges them safe."
            ),
        ),
    ),
)


TEMPLATES: dict[str, PlanTemplate] = {
    template.model: template for template in (JOHNSON, LOVE_FIRST, ARISE, CRAFT, SYSTEMIC_FAMILY)
}


def get_template(model: str) -> PlanTemplate:
    """The built-in template for `model`; KeyError when there is none."""
    try:
        return TEMPLATES[model]
    except KeyError:
        raise KeyError(f"no plan template for model {model!r}") from None
