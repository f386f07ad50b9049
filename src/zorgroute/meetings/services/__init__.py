"""Writes of the meetings app, by subject: actions and feedback, referrals and intake, meetings and agendas,
case discussions, aftercare. Each write validates its rules, writes the case timeline where the case changes, and
records an audit event in the same transaction."""

from zorgroute.meetings.services.actions import (
    MAX_DESCRIPTION,
    action_agree,
    action_cancel,
    action_complete,
)

__all__ = ["MAX_DESCRIPTION", "action_agree", "action_cancel", "action_complete"]
