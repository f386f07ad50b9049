"""Writes of the parent and pupil portal: invitations to a login, and the family's own view or question.

Signing a plan (plans.services.plan_sign) and answering consent (consents.services.consent_answer) are the owning
apps' services; the portal only calls them. Services do not check permissions: the views got every object through
access/.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.access.principal import information_right
from zorgroute.accounts import services as account_services
from zorgroute.accounts.models import Invitation, User
from zorgroute.cases.constants import CaseStatus, TimelineKind, Visibility
from zorgroute.cases.models import Case, TimelineEvent
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.consents.rules import CONSENT_AGE, InformRight
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import age_on, today
from zorgroute.pupils.models import Pupil, PupilGuardian

logger = logging.getLogger(__name__)

VIEW = "view"
QUESTION = "question"
CONTRIBUTION_KINDS = (VIEW, QUESTION)


# --- Invitations -------------------------------------------------------------------------------------------------


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationError(_("Enter a valid e-mail address."), field="email") from None
    return email


def _login_for(*, actor: Any, existing: User | None, email: str, first_name: str, last_name: str) -> User:
    """The login to invite: the person's existing one that was never activated, or a new one named by the e-mail."""
    taken = User.objects.filter(username__iexact=email)
    if existing is not None:
        if existing.has_usable_password():
            raise DomainError(
                _("This person already has a login. A forgotten password is reset by the school.")
            )
        if taken.exclude(pk=existing.pk).exists():
            raise ValidationError(_("This e-mail address is already used by another login."), field="email")
        existing.username, existing.email = email, email
        existing.save(update_fields=["username", "email"])
        return existing
    if taken.exists():
        raise ValidationError(_("This e-mail address is already used by another login."), field="email")
    return account_services.user_create(
        actor=actor, username=email, first_name=first_name, last_name=last_name, email=email
    )


def _send_invitation(*, invitation: Invitation, token: str, base_url: str, school: str) -> None:
    """Send the e-mail after the transaction commits, in the product language, without the child's name."""
    link = base_url.rstrip("/") + account_services.invitation_path(token)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to the Zorgroute portal of %(school)s") % {"school": school}
        body = render_to_string(
            "portal/email/invitation.txt",
            {
                "link": link,
                "school": school,
                "expires_at": invitation.expires_at,
                "name": invitation.user.first_name,
            },
        )
    address, ref = invitation.sent_to, invitation.uuid

    def send() -> None:
        try:
            send_mail(subject, body, None, [address])
        except Exception:  # the invitation stands; the coordinator can send it again
            logger.exception("invitation %s: the e-mail could not be sent", ref)

    transaction.on_commit(send)


def guardian_invite(
    *, actor: Any, pupil: Pupil, link: PupilGuardian, email: str, base_url: str
) -> Invitation:
    """Invite a guardian of this pupil to the portal by e-mail; an earlier invitation of theirs stops working.

    Only a guardian whose link gives the child's records (authority, nothing withheld, no refusal by a pupil of 16+)
    is invited: for anyone else the portal would be empty. `base_url` is the site's address for the link.
    """
    email = _clean_email(email)
    guardian = link.guardian
    right = information_right(
        authority=link.authority,
        withhold_information=link.withhold_information,
        court_information_arrangement=link.court_information_arrangement,
        pupil_informing=link.pupil_informing,
        age=age_on(pupil.date_of_birth, today()),
    )
    if right is not InformRight.FULL:
        raise DomainError(
            _(
                "This guardian has no right to see the records in the portal, so there is nothing to invite to."
            )
        )
    with transaction.atomic():
        user = _login_for(
            actor=actor,
            existing=guardian.user,
            email=email,
            first_name=guardian.first_name,
            last_name=" ".join(p for p in (guardian.name_prefix, guardian.last_name) if p),
        )
        if guardian.user_id != user.pk or guardian.email != email:
            guardian.user, guardian.email = user, email
            guardian.save(update_fields=["user", "email", "updated_at"])
        invitation, token = account_services.invitation_issue(
            actor=actor,
            user=user,
            email=email,
            pupil=pupil,
            details={"party": "guardian", "guardian": str(guardian.uuid)},
        )
        _send_invitation(invitation=invitation, token=token, base_url=base_url, school=_school(pupil))
    return invitation


def pupil_invite(*, actor: Any, pupil: Pupil, email: str, base_url: str) -> Invitation:
    """Invite a pupil of 16 or older to the portal for their own record."""
    email = _clean_email(email)
    if age_on(pupil.date_of_birth, today()) < CONSENT_AGE:
        raise DomainError(_("A pupil gets an own login from 16; until then the parents with authority do."))
    with transaction.atomic():
        user = _login_for(
            actor=actor,
            existing=pupil.user,
            email=email,
            first_name=pupil.first_name,
            last_name=" ".join(p for p in (pupil.name_prefix, pupil.last_name) if p),
        )
        if pupil.user_id != user.pk:
            pupil.user = user
            pupil.save(update_fields=["user", "updated_at"])
        invitation, token = account_services.invitation_issue(
            actor=actor, user=user, email=email, pupil=pupil, details={"party": "pupil"}
        )
        _send_invitation(invitation=invitation, token=token, base_url=base_url, school=_school(pupil))
    return invitation


def _school(pupil: Pupil) -> str:
    return pupil.current_school.name if pupil.current_school else _("the school")


# --- The family's own view and questions --------------------------------------------------------------------------


def family_contribution_add(*, actor: Any, case: Case, kind: str, text: str, is_pupil: bool) -> TimelineEvent:
    """A parent's or the pupil's own view or question on the case: a parent-visible line the school's staff see.

    `is_pupil`: the actor is the case's pupil (else a guardian of the pupil).
    """
    if kind not in CONTRIBUTION_KINDS:
        raise ValidationError(_("Choose whether this is your view or a question."), field="kind")
    body = _text(text, "text", required=True)
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This care route has been closed. Contact the school."))
    titles = {
        (VIEW, False): lambda: _("Own view of a parent"),
        (QUESTION, False): lambda: _("Question from a parent"),
        (VIEW, True): lambda: _("Own view of the pupil"),
        (QUESTION, True): lambda: _("Question from the pupil"),
    }
    with transaction.atomic():
        event = timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            body=body,
            visibility=Visibility.PARENTS,
            title=titles[(kind, is_pupil)],
        )
        audit.record(
            "case.family_contribution_added",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={"kind": kind, "party": "pupil" if is_pupil else "guardian"},
        )
    return event
